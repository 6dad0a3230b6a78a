import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogRecord } from '../../logs/log-record';
import { LogWriteStore, SpooledBatch } from '../../logs/log-write-store';
import { toStoredJson } from '../../logs/stored-record';
import { LogsCommitted } from '../../platform/events/domain-events';
import { EventBus } from '../../platform/events/event-bus';
import { COMMITTED_SLICE } from './committed-records-publisher';
import { CommitFailedError, LogWriter, WriterSaturatedError } from './log-writer';

/** The parts of the port LogWriter never calls. */
abstract class AppendOnlyStore extends LogWriteStore {
  async deleteByFile(): Promise<number> {
    return 0;
  }
  async deleteOlderThan(): Promise<number> {
    return 0;
  }
  async deleteTenant(): Promise<number> {
    return 0;
  }
  async usage() {
    return { records: 0, oldest: null, bytes: 0 };
  }
}

/** Records each commit; a commit finishes when the test releases it. */
class GatedStore extends AppendOnlyStore {
  commits: SpooledBatch[][] = [];
  private gates: (() => void)[] = [];
  fail: Error | null = null;

  async appendSpooled(batches: SpooledBatch[]): Promise<void> {
    this.commits.push(batches);
    await new Promise<void>((release) => this.gates.push(release));
    if (this.fail) throw this.fail;
  }
  release(): void {
    this.gates.shift()?.();
  }
  async append(_tenantId: string, _records: LogRecord[]): Promise<void> {}
}

/** Refuses any call that holds a batch of tenant `bad`, as DuckDB refuses a spool file. */
class PickyStore extends AppendOnlyStore {
  calls: number[][] = [];
  stored: SpooledBatch[] = [];
  async appendSpooled(batches: SpooledBatch[]): Promise<void> {
    this.calls.push(batches.map((b) => b.count));
    await tick();
    if (batches.some((b) => b.tenantId === 'bad')) throw new Error(`Malformed JSON in file "${batches[0].path}"`);
    this.stored.push(...batches);
  }
  async append(): Promise<void> {}
}

const tick = () => new Promise((r) => setImmediate(r));

const record = (i: number, over: Partial<LogRecord> = {}): LogRecord => ({
  id: `id-${i}`, timestamp: 1_700_000_000_000 + i, ingestedAt: 1_700_000_000_500, tenantId: 'smuggled', level: 'INFO',
  message: `line ${i}`, service: 'api', server: null, environment: null, logType: null, correlationId: null, traceId: null,
  spanId: null, userId: null, clientIp: null, method: null, endpoint: null, statusCode: 200, responseTimeMs: 1.5, userAgent: null,
  sqlQuery: null, queryDurationMs: null, tags: ['t'], fileId: null, patternId: null, fields: { seq: String(i) }, ...over,
});

async function waitUntil(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(probe()).toBe(true);
}


describe('LogWriter', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-writer-'));
  let n = 0;
  const batch = (tenantId: string, count: number): SpooledBatch => {
    const file = path.join(dir, `b${n++}.ndjson`);
    fs.writeFileSync(file, 'x\n');
    return { tenantId, path: file, count };
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("announces each tenant's earliest record timestamp, or none when a batch's is unknown", async () => {
    const store = new GatedStore();
    const events = new EventBus();
    const ingested: unknown[] = [];
    events.on('logs.ingested', (e) => ingested.push(e));
    const writer = new LogWriter(store, events, 10_000);
    const first = writer.submit(batch('a', 1));
    await tick();
    const rest = [
      writer.submit({ ...batch('a', 2), oldestTimestamp: 500 }),
      writer.submit({ ...batch('a', 3), oldestTimestamp: 300 }),
      writer.submit({ ...batch('b', 4), oldestTimestamp: 700 }),
      writer.submit(batch('b', 5)),
    ];
    store.release();
    await first;
    await tick();
    store.release();
    await Promise.all(rest);
    expect(ingested).toEqual([
      { type: 'logs.ingested', tenantId: 'a', count: 1 },
      { type: 'logs.ingested', tenantId: 'a', count: 5, oldestTimestamp: 300 },
      { type: 'logs.ingested', tenantId: 'b', count: 9 },
    ]);
  });

  it('commits what arrived during a commit together in the next one, then answers each caller', async () => {
    const store = new GatedStore();
    const events = new EventBus();
    const ingested: { tenantId: string; count: number }[] = [];
    events.on('logs.ingested', (e) => ingested.push({ tenantId: e.tenantId, count: e.count }));
    const writer = new LogWriter(store, events, 10_000);

    const first = writer.submit(batch('a', 10));
    await tick();
    const second = writer.submit(batch('a', 20));
    const third = writer.submit(batch('b', 5));
    let secondDone = false;
    void second.then(() => (secondDone = true));
    expect(store.commits.map((c) => c.length)).toEqual([1]);

    store.release();
    await first;
    await tick();
    expect(store.commits.map((c) => c.map((b) => b.count))).toEqual([[10], [20, 5]]);
    expect(secondDone).toBe(false);

    store.release();
    await Promise.all([second, third]);
    expect(ingested).toEqual([{ tenantId: 'a', count: 10 }, { tenantId: 'a', count: 20 }, { tenantId: 'b', count: 5 }]);
    expect(writer.pendingRecords).toBe(0);
    // Spool files are removed in the background once committed.
    for (let i = 0; i < 50 && fs.readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('publishes the committed records of listened-to tenants after answering, then removes their spool files', async () => {
    const store = new GatedStore();
    const events = new EventBus();
    const seen: LogsCommitted[] = [];
    let answered = false;
    events.on('logs.committed', (e) => {
      expect(answered).toBe(true);
      seen.push(e);
    }, (tenantId) => tenantId === 'a');
    const writer = new LogWriter(store, events, 10_000);
    const spool = (tenantId: string, lines: string[]): SpooledBatch => {
      const file = path.join(dir, `c${n++}.ndjson`);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      return { tenantId, path: file, count: lines.length };
    };
    const mine = [record(1), record(2, { level: 'ERROR', fields: {} })];
    const a = spool('a', mine.map(toStoredJson));
    // Nobody listens to tenant b: its file is never parsed (it is not even JSON).
    const b = spool('b', ['not json']);
    const done = Promise.all([writer.submit(a).then(() => (answered = true)), writer.submit(b)]);
    store.release();
    await tick();
    store.release();
    await done;
    await waitUntil(() => !fs.existsSync(a.path) && !fs.existsSync(b.path));
    expect(seen.map((e) => ({ ...e, records: e.records() }))).toEqual([
      { type: 'logs.committed', tenantId: 'a', count: 2, matches: null, records: mine.map((r) => ({ ...r, tenantId: 'a' })) },
    ]);
  });

  it('publishes a large batch in slices, in commit order, without holding up the next commit', async () => {
    const store = new GatedStore();
    const events = new EventBus();
    const sizes: number[] = [];
    const firstIds: string[] = [];
    events.on('logs.committed', (e) => {
      sizes.push(e.records().length);
      firstIds.push(e.records()[0].id);
    });
    const writer = new LogWriter(store, events, 100_000);
    const big = Array.from({ length: COMMITTED_SLICE + 5 }, (_, i) => toStoredJson(record(i)));
    const file = path.join(dir, `big${n++}.ndjson`);
    fs.writeFileSync(file, big.join('\n') + '\n');
    const first = writer.submit({ tenantId: 'a', path: file, count: big.length });
    store.release();
    await first;
    const second = writer.submit({ tenantId: 'a', path: batch('a', 0).path, count: 0 });
    await tick();
    expect(store.commits.length).toBe(2);
    store.release();
    await second;
    await waitUntil(() => sizes.length === 2);
    expect(sizes).toEqual([COMMITTED_SLICE, 5]);
    expect(firstIds).toEqual(['id-0', `id-${COMMITTED_SLICE}`]);
  });

  it('hands a batch\'s live matches out slice by slice, reading its spool file only for a listener that asks for records', async () => {
    const store = new GatedStore();
    const events = new EventBus();
    const seen: LogsCommitted[] = [];
    const read: string[][] = [];
    events.on('logs.committed', (e) => {
      seen.push(e);
      // Records are readable while the event is handled; this listener wants the second slice's only.
      if (seen.length === 2) read.push(e.records().map((r) => r.id));
    });
    const writer = new LogWriter(store, events, 100_000);
    const count = COMMITTED_SLICE + 3;
    // The first slice is never parsed: its lines need not even be JSON.
    const lines = Array.from({ length: count }, (_, i) => (i < COMMITTED_SLICE ? 'not json' : toStoredJson(record(i))));
    const file = path.join(dir, `live${n++}.ndjson`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const entry = (line: number) => ({ line, id: `id-${line}`, json: '{}', keys: [1] });
    const live = { generation: 9, levels: new Uint8Array(count).fill(2), entries: [entry(0), entry(COMMITTED_SLICE + 1)] };
    const done = writer.submit({ tenantId: 'a', path: file, count, live });
    store.release();
    await done;
    await waitUntil(() => seen.length === 2);
    expect(seen.map((e) => [e.count, e.matches!.generation, e.matches!.levels.length, e.matches!.entries.map((x) => x.id)])).toEqual([
      [COMMITTED_SLICE, 9, COMMITTED_SLICE, ['id-0']],
      [3, 9, 3, [`id-${COMMITTED_SLICE + 1}`]],
    ]);
    expect(read).toEqual([[`id-${COMMITTED_SLICE}`, `id-${COMMITTED_SLICE + 1}`, `id-${COMMITTED_SLICE + 2}`]]);
  });

  it('refuses new work with a retry time while the queue is over its limit', async () => {
    const store = new GatedStore();
    const writer = new LogWriter(store, new EventBus(), 1_000);
    expect(() => writer.assertCapacity()).not.toThrow();
    const pending = writer.submit(batch('a', 1_500));
    expect(() => writer.assertCapacity()).toThrow(WriterSaturatedError);
    try {
      writer.assertCapacity();
    } catch (err) {
      expect((err as WriterSaturatedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    store.release();
    await pending;
    expect(() => writer.assertCapacity()).not.toThrow();
  });

  it('rejects every caller of a failed commit and keeps working afterwards', async () => {
    const store = new GatedStore();
    const writer = new LogWriter(store, new EventBus(), 10_000);
    store.fail = new Error('disk full');
    const failed = writer.submit(batch('a', 1));
    store.release();
    await expect(failed).rejects.toMatchObject({ message: expect.stringContaining('could not be stored'), cause: new Error('disk full') });
    store.fail = null;
    const ok = writer.submit(batch('a', 2));
    await tick();
    store.release();
    await expect(ok).resolves.toBeUndefined();
  });

  it('retries the batches of a failed group alone, so a bad batch fails only its sender, without internals', async () => {
    const store = new PickyStore();
    const ingested: string[] = [];
    const events = new EventBus();
    events.on('logs.ingested', (e) => ingested.push(`${e.tenantId}:${e.count}`));
    const writer = new LogWriter(store, events, 10_000);
    const first = writer.submit(batch('a', 1));
    const group = [writer.submit(batch('a', 2)), writer.submit(batch('bad', 3)), writer.submit(batch('b', 4))];
    const outcomes = await Promise.allSettled([first, ...group]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const err = (outcomes[2] as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(CommitFailedError);
    expect(err.message).not.toContain(dir);
    expect(store.calls).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(store.stored.map((b) => b.count)).toEqual([1, 2, 4]);
    expect(ingested).toEqual(['a:1', 'a:2', 'b:4']);
    expect(writer.pendingRecords).toBe(0);
  });
});
