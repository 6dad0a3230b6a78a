import { AlertEvent, AlertGroupState, TriggeredAlert } from './alert-state';
import { AlertStateStore } from './alert-state-store';
import { INITIAL_STATE } from './alert-state-machine';

const state = (over: Partial<AlertGroupState> = {}): Omit<AlertGroupState, 'version'> => ({
  ...INITIAL_STATE, tenantId: 't1', ruleId: 'r1', groupKey: '', group: null, alertId: null, lastValue: null, lastEvaluatedAt: null, recent: [[1, 2], [3, null]], ...over,
});

const alert = (id: string, over: Partial<TriggeredAlert> = {}): TriggeredAlert => ({
  id, tenantId: 't1', ruleId: 'r1', ruleName: 'rule', group: null, groupBy: null, state: 'firing', severity: 'warning', value: 12,
  operator: '>', threshold: 10, query: 'level:ERROR', windowMs: 300_000, startedAt: 1_000, firedAt: 1_000, resolvedAt: null,
  lastEvaluatedAt: 1_000, acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null, resolvedBy: null, resolveNote: null, ...over,
});

const event = (id: string, over: Partial<AlertEvent> = {}): AlertEvent => ({
  id, tenantId: 't1', ruleId: 'r1', alertId: 'a1', group: null, from: 'ok', to: 'firing', value: 12, cause: 'evaluator', note: null, at: 1_000, ...over,
});

/** The behaviour every AlertStateStore adapter (SQLite, MongoDB, memory) must show. */
export function describeAlertStateStoreContract(name: string, make: () => Promise<AlertStateStore>) {
  describe(`AlertStateStore contract: ${name}`, () => {
    let store: AlertStateStore;
    beforeEach(async () => {
      store = await make();
    });

    it('creates a state once: of two first commits only one succeeds', async () => {
      const results = await Promise.all([
        store.commit('t1', { state: state({ state: 'firing', lastValue: 1 }), expectedVersion: null }),
        store.commit('t1', { state: state({ state: 'firing', lastValue: 2 }), expectedVersion: null }),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await store.groupState('t1', 'r1', '')).toMatchObject({ state: 'firing', version: 1 });
    });

    it('applies a commit only on the version it was decided on, all or nothing', async () => {
      await store.commit('t1', { state: state(), expectedVersion: null });
      expect(await store.commit('t1', { state: state({ state: 'firing', alertId: 'a1' }), expectedVersion: 1, alert: alert('a1'), event: event('e1') })).toBe(true);
      // A racer that read version 1 too loses, and writes neither its alert nor its event.
      expect(await store.commit('t1', { state: state({ state: 'pending', alertId: 'a2' }), expectedVersion: 1, alert: alert('a2'), event: event('e2') })).toBe(false);
      expect(await store.groupState('t1', 'r1', '')).toMatchObject({ state: 'firing', alertId: 'a1', version: 2 });
      expect((await store.alerts('t1', {}, 0, 10)).alerts.map((a) => a.id)).toEqual(['a1']);
      expect((await store.events('t1', {}, 10)).map((e) => e.id)).toEqual(['e1']);
    });

    it('keeps states per group, and updates or deletes alerts', async () => {
      await store.commit('t1', { state: state({ groupKey: 'b', group: 'b' }), expectedVersion: null, alert: alert('a1', { state: 'pending' }) });
      await store.commit('t1', { state: state({ groupKey: 'a', group: 'a' }), expectedVersion: null });
      expect((await store.groupStates('t1', 'r1')).map((s) => s.group)).toEqual(['a', 'b']);
      await store.commit('t1', { state: state({ groupKey: 'b', group: 'b', state: 'firing' }), expectedVersion: 1, alert: alert('a1', { state: 'firing', value: 99 }) });
      expect(await store.alert('t1', 'a1')).toEqual(alert('a1', { value: 99 }));
      await store.commit('t1', { state: state({ groupKey: 'b', group: 'b' }), expectedVersion: 2, deleteAlertId: 'a1' });
      expect(await store.alert('t1', 'a1')).toBeNull();
    });

    it('keeps the notifications committed with a state until a later commit drops them', async () => {
      const unsent = [{ id: 'i1', channelIds: ['c1', 'c2'], message: {
        kind: 'firing' as const, tenantId: 't1', alertId: 'a1', ruleId: 'r1', ruleName: 'errors', state: 'firing' as const, severity: 'high' as const,
        groupBy: null, group: null, value: 12, operator: '>' as const, threshold: 10, startedAt: 1_000, at: 1_000, link: 'http://localhost/search',
      } }];
      await store.commit('t1', { state: state({ state: 'firing', alertId: 'a1', unsent }), expectedVersion: null, alert: alert('a1') });
      expect((await store.groupState('t1', 'r1', ''))!.unsent).toEqual(unsent);
      expect((await store.groupStates('t1', 'r1'))[0].unsent).toEqual(unsent);
      await store.commit('t1', { state: state({ state: 'firing', alertId: 'a1', unsent: [] }), expectedVersion: 1 });
      expect((await store.groupState('t1', 'r1', ''))!.unsent ?? []).toEqual([]);
    });

    it('filters and pages alerts newest first', async () => {
      const rows = [
        alert('a1', { startedAt: 1, severity: 'critical' }),
        alert('a2', { startedAt: 2, state: 'resolved', ruleId: 'r2' }),
        alert('a3', { startedAt: 3, acknowledgedAt: 4, acknowledgedBy: 'bob' }),
        alert('a4', { startedAt: 4, state: 'pending' }),
      ];
      for (const [i, a] of rows.entries()) await store.commit('t1', { state: state({ groupKey: String(i) }), expectedVersion: null, alert: a });
      const ids = async (f: object, offset = 0, limit = 10) => (await store.alerts('t1', f, offset, limit)).alerts.map((a) => a.id);
      expect(await ids({})).toEqual(['a4', 'a3', 'a2', 'a1']);
      expect(await ids({}, 1, 2)).toEqual(['a3', 'a2']);
      expect((await store.alerts('t1', {}, 1, 2)).total).toBe(4);
      expect(await ids({ state: 'firing' })).toEqual(['a3', 'a1']);
      expect(await ids({ state: 'acknowledged' })).toEqual(['a3']);
      expect(await ids({ state: 'resolved' })).toEqual(['a2']);
      expect(await ids({ severity: 'critical' })).toEqual(['a1']);
      expect(await ids({ ruleId: 'r2' })).toEqual(['a2']);
    });

    it('lists history newest first, by rule or alert', async () => {
      await store.commit('t1', { state: state(), expectedVersion: null, event: event('e1', { at: 1 }) });
      await store.commit('t1', { state: state(), expectedVersion: 1, event: event('e2', { at: 2, alertId: 'a2' }) });
      await store.commit('t1', { state: state({ ruleId: 'r2' }), expectedVersion: null, event: event('e3', { at: 3, ruleId: 'r2' }) });
      expect((await store.events('t1', {}, 10)).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
      expect((await store.events('t1', { ruleId: 'r1' }, 10)).map((e) => e.id)).toEqual(['e2', 'e1']);
      expect((await store.events('t1', { alertId: 'a2' }, 10)).map((e) => e.id)).toEqual(['e2']);
      expect((await store.events('t1', {}, 1)).map((e) => e.id)).toEqual(['e3']);
      expect(await store.events('t1', { ruleId: 'r1' }, 10)).toContainEqual(event('e1', { at: 1 }));
    });

    it('forgets a deleted rule’s states', async () => {
      await store.commit('t1', { state: state(), expectedVersion: null, alert: alert('a1') });
      await store.deleteRuleStates('t1', 'r1');
      expect(await store.groupStates('t1', 'r1')).toEqual([]);
      expect(await store.alert('t1', 'a1')).not.toBeNull();
    });

    it('never shows or changes another tenant’s states, alerts and history', async () => {
      await store.commit('t1', { state: state(), expectedVersion: null, alert: alert('a1'), event: event('e1') });
      expect(await store.groupState('t2', 'r1', '')).toBeNull();
      expect(await store.groupStates('t2', 'r1')).toEqual([]);
      expect(await store.alert('t2', 'a1')).toBeNull();
      expect(await store.alerts('t2', {}, 0, 10)).toEqual({ total: 0, alerts: [] });
      expect(await store.events('t2', {}, 10)).toEqual([]);
      // t2's own state of the same rule id is separate; its alert id clash does not overwrite t1's alert.
      expect(await store.commit('t2', { state: state({ tenantId: 't2' }), expectedVersion: null, alert: alert('a1', { tenantId: 't2', value: 0 }) })).toBe(true);
      expect(await store.alert('t1', 'a1')).toEqual(alert('a1'));
      await store.deleteRuleStates('t2', 'r1');
      expect(await store.groupState('t1', 'r1', '')).not.toBeNull();
    });
  });
}
