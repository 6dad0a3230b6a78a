import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { writeExport } from './export-stream';

/** A consumer that takes one chunk per `release()` call. */
function slowSink(highWaterMark: number) {
  const received: Buffer[] = [];
  const waiting: (() => void)[] = [];
  const sink = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      received.push(chunk);
      waiting.push(done);
    },
  });
  return { sink, received, release: () => waiting.shift()?.() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('writeExport', () => {
  it('pulls the next chunk only as the consumer drains', async () => {
    let produced = 0;
    async function* chunks() {
      for (let i = 0; i < 50; i++) {
        produced++;
        yield 'x'.repeat(64 * 1024);
      }
    }
    const { sink, received, release } = slowSink(16 * 1024);
    const done = writeExport(chunks(), sink, false);
    for (let i = 0; i < 20; i++) await tick();
    expect(produced).toBeLessThanOrEqual(4);
    while (received.reduce((n, b) => n + b.length, 0) < 50 * 64 * 1024) {
      release();
      await tick();
    }
    release();
    await done;
    expect(produced).toBe(50);
  });

  it('gzips when asked', async () => {
    const parts: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (parts.push(c), done()) });
    async function* chunks() {
      yield 'a,b\r\n';
      yield '1,2\r\n';
    }
    await writeExport(chunks(), sink, true);
    expect(gunzipSync(Buffer.concat(parts)).toString()).toBe('a,b\r\n1,2\r\n');
  });

  it('destroys the destination and closes the source when the source fails mid-way', async () => {
    let closed = false;
    async function* chunks() {
      try {
        yield 'header\n';
        throw new Error('store went away');
      } finally {
        closed = true;
      }
    }
    const sink = new Writable({ write: (_c, _e, done) => done() });
    await expect(writeExport(chunks(), sink, false)).rejects.toThrow('store went away');
    expect(sink.destroyed).toBe(true);
    expect(closed).toBe(true);
  });

  it('stops reading the source when the destination goes away', async () => {
    let produced = 0;
    let closed = false;
    async function* chunks() {
      try {
        for (;;) {
          produced++;
          yield 'y'.repeat(1024);
        }
      } finally {
        closed = true;
      }
    }
    const { sink } = slowSink(1024);
    const done = writeExport(chunks(), sink, false);
    await tick();
    sink.destroy();
    await expect(done).rejects.toThrow();
    const after = produced;
    await tick();
    expect(produced).toBe(after);
    expect(closed).toBe(true);
  });
});
