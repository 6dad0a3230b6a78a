import { AlertMessage } from '../channels/alert-message';
import { DeliveryOutbox } from './delivery-outbox';
import { OutboxEntry } from './outbox-entry';

const message: AlertMessage = {
  kind: 'firing', tenantId: 't1', alertId: 'a1', ruleId: 'r1', ruleName: 'errors <b>', state: 'firing', severity: 'critical', groupBy: 'service',
  group: 'api', value: 12, operator: '>', threshold: 10, startedAt: 1_000, at: 1_000, link: 'http://localhost/search?q=x',
};

const entry = (id: string, over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id, tenantId: 't1', intentId: 'i1', alertId: 'a1', ruleId: 'r1', channelId: 'c1', message, status: 'pending', rounds: 0,
  nextAttemptAt: 1_000, lastError: null, createdAt: 1_000, ...over,
});

/** The behaviour every DeliveryOutbox adapter (SQLite, MongoDB, memory) must show. */
export function describeDeliveryOutboxContract(name: string, make: () => Promise<DeliveryOutbox>) {
  describe(`DeliveryOutbox contract: ${name}`, () => {
    let outbox: DeliveryOutbox;
    beforeEach(async () => {
      outbox = await make();
    });

    it('adds an entry once: a second add of the same id changes nothing', async () => {
      expect(await outbox.add('t1', [entry('e1'), entry('e2', { createdAt: 2_000 })])).toEqual(['e1', 'e2']);
      expect(await outbox.add('t1', [entry('e1', { channelId: 'other' }), entry('e3', { createdAt: 3_000 })])).toEqual(['e3']);
      expect(await outbox.due('t1', 5_000, 10)).toEqual([entry('e1'), entry('e2', { createdAt: 2_000 }), entry('e3', { createdAt: 3_000 })]);
      expect((await outbox.due('t1', 5_000, 2)).map((e) => e.id)).toEqual(['e1', 'e2']);
    });

    it('lets exactly one of two claimers have an entry until its lease runs out', async () => {
      await outbox.add('t1', [entry('e1')]);
      const claims = await Promise.all([outbox.claim('t1', 'e1', 1_000, 31_000, 'A'), outbox.claim('t1', 'e1', 1_000, 31_000, 'B')]);
      expect(claims.filter((c) => c !== null)).toEqual([entry('e1')]);
      expect(await outbox.due('t1', 30_999, 10)).toEqual([]);
      expect(await outbox.claim('t1', 'e1', 30_999, 60_000, 'C')).toBeNull();
      // The holder died mid-send: after the lease anyone may claim it again.
      expect(await outbox.due('t1', 31_000, 10)).toHaveLength(1);
      expect(await outbox.claim('t1', 'e1', 31_000, 61_000, 'C')).toEqual(entry('e1'));
    });

    it('settles only under the current lease, and keeps a retry off until it is due', async () => {
      await outbox.add('t1', [entry('e1')]);
      await outbox.claim('t1', 'e1', 1_000, 2_000, 'A');
      await outbox.claim('t1', 'e1', 2_000, 3_000, 'B');
      expect(await outbox.settle('t1', 'e1', 'A', { status: 'sent', rounds: 1, nextAttemptAt: 2_000, lastError: null })).toBe(false);
      expect(await outbox.settle('t1', 'e1', 'B', { status: 'pending', rounds: 1, nextAttemptAt: 32_000, lastError: 'HTTP 503' })).toBe(true);
      expect(await outbox.settle('t1', 'e1', 'B', { status: 'sent', rounds: 2, nextAttemptAt: 32_000, lastError: null })).toBe(false);
      expect(await outbox.due('t1', 31_999, 10)).toEqual([]);
      expect(await outbox.claim('t1', 'e1', 31_999, 40_000, 'C')).toBeNull();
      expect(await outbox.claim('t1', 'e1', 32_000, 40_000, 'C')).toEqual(entry('e1', { rounds: 1, nextAttemptAt: 32_000, lastError: 'HTTP 503' }));
      expect(await outbox.settle('t1', 'e1', 'C', { status: 'sent', rounds: 2, nextAttemptAt: 32_000, lastError: null })).toBe(true);
      expect(await outbox.due('t1', 100_000, 10)).toEqual([]);
      expect(await outbox.claim('t1', 'e1', 100_000, 200_000, 'D')).toBeNull();
      expect(await outbox.forAlert('t1', 'a1')).toEqual([entry('e1', { status: 'sent', rounds: 2, nextAttemptAt: 32_000 })]);
    });

    it('lists an alert’s entries oldest first, settled or not', async () => {
      await outbox.add('t1', [entry('e2', { createdAt: 2_000, status: 'silenced' }), entry('e1'), entry('e3', { alertId: 'a2' })]);
      expect((await outbox.forAlert('t1', 'a1')).map((e) => [e.id, e.status])).toEqual([['e1', 'pending'], ['e2', 'silenced']]);
      expect((await outbox.due('t1', 5_000, 10)).map((e) => e.id)).toEqual(['e1', 'e3']);
    });

    it('never shows or hands out another tenant’s entries', async () => {
      await outbox.add('t1', [entry('e1')]);
      expect(await outbox.add('t2', [entry('e1', { tenantId: 't2' })])).toEqual([]);
      expect(await outbox.due('t2', 5_000, 10)).toEqual([]);
      expect(await outbox.claim('t2', 'e1', 5_000, 9_000, 'X')).toBeNull();
      expect(await outbox.forAlert('t2', 'a1')).toEqual([]);
      await outbox.claim('t1', 'e1', 5_000, 9_000, 'A');
      expect(await outbox.settle('t2', 'e1', 'A', { status: 'sent', rounds: 1, nextAttemptAt: 0, lastError: null })).toBe(false);
    });
  });
}
