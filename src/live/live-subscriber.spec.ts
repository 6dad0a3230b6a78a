import { LogRecord } from '../logs/log-record';
import { parseQuery } from '../logs/query/query-parser';
import { compileRecordPredicate } from '../logs/query/record-predicate';
import { DroppedNotice, LiveRecord } from './client-events';
import { LiveEntry } from './live-entry';
import { LiveFilter } from './live-filter';
import { LiveSink, LiveSubscriber } from './live-subscriber';

/** A sink the test can make slow; it keeps what it got in order. */
class FakeSink implements LiveSink {
  isBusy = false;
  got: Array<LiveRecord[] | DroppedNotice> = [];
  busy = () => this.isBusy;
  unsentBytes = () => 0;
  send = (entries: LiveEntry[]) => void this.got.push(entries.map((e) => JSON.parse(e.json) as LiveRecord));
  dropped = (notice: DroppedNotice) => void this.got.push(notice);
}

const record = (i: number, message = 'hello'): LogRecord => ({ id: `r${i}`, level: 'INFO', message, tenantId: 't', timestamp: i, fields: {}, tags: [] }) as unknown as LogRecord;
const api = (r: LogRecord) => (): LiveEntry => ({ id: r.id, json: JSON.stringify({ id: r.id, message: r.message }) });
const filter = (q: string): LiveFilter => ({ filters: { query: q }, request: {} as LiveFilter['request'], matches: compileRecordPredicate(parseQuery(q)), services: null, input: { query: q } });
const turn = () => new Promise((r) => setImmediate(r));

describe('LiveSubscriber', () => {
  let clock = 0;
  const make = (sink: FakeSink, maxRate = 1000, capacity = 5) => {
    const s = new LiveSubscriber('t', 'u', sink, maxRate, capacity, () => clock);
    s.setFilter(filter('hello'));
    return s;
  };

  it('sends nothing before a filter, then what matches, in one batch per turn', async () => {
    const sink = new FakeSink();
    const s = new LiveSubscriber('t', 'u', sink, 1000, 5, () => clock);
    s.offer(record(0), api(record(0)));
    await turn();
    expect(sink.got).toEqual([]);
    s.setFilter(filter('hello'));
    [1, 2].forEach((i) => s.offer(record(i), api(record(i))));
    s.offer(record(3, 'bye'), api(record(3, 'bye')));
    await turn();
    expect(sink.got).toEqual([[{ id: 'r1', message: 'hello' }, { id: 'r2', message: 'hello' }]]);
  });

  it('keeps at most its buffer for a busy client, counts the rest, and says so before the next records', async () => {
    const sink = new FakeSink();
    sink.isBusy = true;
    clock = 5_000;
    const s = make(sink);
    for (let i = 0; i < 12; i++) s.offer(record(i), api(record(i)));
    await turn();
    expect(sink.got).toEqual([]);
    sink.isBusy = false;
    await new Promise((r) => setTimeout(r, 80));
    expect(sink.got).toEqual([{ count: 7, since: new Date(5_000).toISOString() }, [0, 1, 2, 3, 4].map((i) => ({ id: `r${i}`, message: 'hello' }))]);
  });

  it('drops what exceeds the rate within a second and passes again in the next one', async () => {
    const sink = new FakeSink();
    clock = 10_000;
    const s = make(sink, 2, 100);
    for (let i = 0; i < 5; i++) s.offer(record(i), api(record(i)));
    await turn();
    clock = 11_000;
    s.offer(record(9), api(record(9)));
    await turn();
    expect(sink.got).toEqual([
      { count: 3, since: new Date(10_000).toISOString() },
      [{ id: 'r0', message: 'hello' }, { id: 'r1', message: 'hello' }],
      [{ id: 'r9', message: 'hello' }],
    ]);
  });

  it('keeps at most its byte budget of record JSON, yet lets one record larger than it through alone', async () => {
    const sink = new FakeSink();
    sink.isBusy = true;
    const s = new LiveSubscriber('t', 'u', sink, 1000, 100, () => clock, 60);
    s.setFilter(filter('hello'));
    for (let i = 0; i < 4; i++) s.offer(record(i), api(record(i))); // 29 bytes of JSON each
    sink.isBusy = false;
    await new Promise((r) => setTimeout(r, 80));
    expect(sink.got).toEqual([{ count: 2, since: expect.any(String) }, [0, 1].map((i) => ({ id: `r${i}`, message: 'hello' }))]);
    const big = record(7, 'hello ' + 'x'.repeat(100));
    expect(s.offer(big, api(big))).toBe('queued');
  });

  it('holds during a backfill and skips what the backfill sent, then and later', async () => {
    const sink = new FakeSink();
    const s = make(sink, 1000, 100);
    s.hold();
    [1, 2, 3].forEach((i) => s.offer(record(i), api(record(i))));
    await turn();
    expect(sink.got).toEqual([]);
    s.release(new Set(['r1', 'r2', 'r4']));
    await turn();
    s.offer(record(4), api(record(4)));
    s.offer(record(5), api(record(5)));
    await turn();
    expect(sink.got).toEqual([[{ id: 'r3', message: 'hello' }], [{ id: 'r5', message: 'hello' }]]);
  });

  it('sends nothing once closed', async () => {
    const sink = new FakeSink();
    const s = make(sink);
    s.offer(record(1), api(record(1)));
    s.close();
    await turn();
    expect(sink.got).toEqual([]);
  });
});
