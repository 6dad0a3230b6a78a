import { LogRecord } from '../logs/log-record';
import { LiveNotification } from './client-events';
import { LiveFanout } from './live-fanout';

export interface FanoutsUnderTest {
  /** Two fanouts of one deployment, as two processes hold them. */
  a: LiveFanout;
  b: LiveFanout;
  close(): Promise<void>;
}

const record = (id: string): LogRecord => ({ id, message: `m ${id}`, level: 'INFO', tenantId: 't1', fields: { k: 'v' }, tags: ['x'] }) as unknown as LogRecord;
const note: LiveNotification = { kind: 'alert', title: 'High error rate', message: '12 errors', severity: 'critical', timestamp: '2026-01-01T00:00:00.000Z' };

async function eventually(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(probe()).toBe(true);
}

/** What every LiveFanout adapter (in-process, Redis) must do. */
export function describeLiveFanoutContract(name: string, make: () => Promise<FanoutsUnderTest>) {
  describe(`LiveFanout contract: ${name}`, () => {
    let f: FanoutsUnderTest;
    const got: Array<[string, string, LogRecord[]]> = [];
    const notes: Array<[string, string, LiveNotification]> = [];

    beforeAll(async () => {
      f = await make();
      f.a.onRecords((t, r) => got.push(['a', t, r]));
      f.b.onRecords((t, r) => got.push(['b', t, r]));
      f.a.onNotification((t, n) => notes.push(['a', t, n]));
      f.b.onNotification((t, n) => notes.push(['b', t, n]));
    });
    afterAll(() => f.close());
    beforeEach(() => {
      got.length = 0;
      notes.length = 0;
    });

    it('shares presence: distinct users per tenant over both, and which tenants the other listens to', async () => {
      await f.a.share(new Map([['t1', new Set(['u1', 'u2'])]]));
      const users = await f.b.share(new Map([['t1', new Set(['u2', 'u3'])], ['t2', new Set(['u9'])]]));
      expect(users.get('t1')).toBe(3);
      expect(users.get('t2')).toBe(1);
      expect((await f.a.share(new Map([['t1', new Set(['u1', 'u2'])]]))).get('t1')).toBe(3);
      expect(f.a.othersWant('t2')).toBe(true);
      expect(f.b.othersWant('t1')).toBe(true);
      expect(f.b.othersWant('t2')).toBe(false);
      expect(f.a.othersWant('t3')).toBe(false);
    });

    it('delivers records to the other process only, intact', async () => {
      f.a.publish('t1', [record('r1'), record('r2')]);
      await eventually(() => got.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([['b', 't1', [record('r1'), record('r2')]]]);
    });

    it('sends no records of a tenant the other process does not listen to', async () => {
      f.b.publish('t2', [record('r3')]); // only b itself listens to t2
      f.a.publish('t1', [record('r4')]);
      await eventually(() => got.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(got.map(([to, , r]) => [to, r[0].id])).toEqual([['b', 'r4']]);
    });

    it('delivers notifications to every process, the sender too', async () => {
      f.a.notify('t1', note);
      await eventually(() => notes.length === 2);
      expect(notes.map(([to]) => to).sort()).toEqual(['a', 'b']);
      expect(notes[0].slice(1)).toEqual(['t1', note]);
    });

    it('forgets a process that leaves a tenant', async () => {
      await f.b.share(new Map());
      expect((await f.a.share(new Map([['t1', new Set(['u1'])]]))).get('t1')).toBe(1);
      expect(f.a.othersWant('t1')).toBe(false);
      expect(f.a.othersWant('t2')).toBe(false);
    });
  });
}
