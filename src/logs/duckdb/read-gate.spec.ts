import { ReadGate } from './read-gate';

/** A read that finishes when the test says so. */
function controllable() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: () => done, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadGate', () => {
  it('runs at most its limit of reads at once and starts the waiting ones in arrival order', async () => {
    const gate = new ReadGate(2);
    const reads = [controllable(), controllable(), controllable(), controllable()];
    const started: number[] = [];
    const all = reads.map((r, i) => gate.read(() => (started.push(i), r.run())));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(2);
    reads[1].finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    reads[0].finish();
    reads[2].finish();
    reads[3].finish();
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.running).toBe(0);
  });

  it('lets fewer reads in while a write runs, and all again once it is done', async () => {
    const gate = new ReadGate(4, 1);
    const write = controllable();
    const writing = gate.write(write.run);
    const reads = [controllable(), controllable(), controllable()];
    const started: number[] = [];
    const all = reads.map((r, i) => gate.read(() => (started.push(i), r.run())));
    await tick();
    expect(started).toEqual([0]);
    write.finish();
    await writing;
    await tick();
    expect(started).toEqual([0, 1, 2]);
    reads.forEach((r) => r.finish());
    await Promise.all(all);
  });

  it('frees its slot when a read fails', async () => {
    const gate = new ReadGate(1);
    await expect(gate.read(() => Promise.reject(new Error('bad query')))).rejects.toThrow('bad query');
    await expect(gate.read(async () => 42)).resolves.toBe(42);
    expect(gate.running).toBe(0);
  });
});
