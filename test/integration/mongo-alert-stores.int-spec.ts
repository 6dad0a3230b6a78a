import { describeAlertChannelStoreContract } from '../../src/alerts/channels/alert-channel-store.contract';
import { MongoAlertChannelStore } from '../../src/alerts/channels/mongo-alert-channel-store';
import { describeDeliveryStoreContract } from '../../src/alerts/deliveries/delivery-store.contract';
import { MongoDeliveryStore } from '../../src/alerts/deliveries/mongo-delivery-store';
import { describeDeliveryOutboxContract } from '../../src/alerts/outbox/delivery-outbox.contract';
import { MongoDeliveryOutbox } from '../../src/alerts/outbox/mongo-delivery-outbox';
import { describeAlertRuleStoreContract } from '../../src/alerts/rules/alert-rule-store.contract';
import { MongoAlertRuleStore } from '../../src/alerts/rules/mongo-alert-rule-store';
import { describeSilenceStoreContract } from '../../src/alerts/silences/silence-store.contract';
import { MongoSilenceStore } from '../../src/alerts/silences/mongo-silence-store';
import { describeAlertStateStoreContract } from '../../src/alerts/state/alert-state-store.contract';
import { INITIAL_STATE } from '../../src/alerts/state/alert-state-machine';
import { MongoAlertStateStore } from '../../src/alerts/state/mongo-alert-state-store';
import { testMongo } from './support/test-mongo';

// Alerting's contract suites, the ones its SQLite adapters pass, on a real MongoDB-protocol
// server (FerretDB 1.24 on SQLite in CI); each case in a database of its own.
const mongo = testMongo('alerts');
afterAll(() => mongo.closeAll());

describeAlertRuleStoreContract('MongoDB', async () => MongoAlertRuleStore.create(await mongo.open()));
describeAlertChannelStoreContract('MongoDB', async () => MongoAlertChannelStore.create(await mongo.open()));
describeDeliveryStoreContract('MongoDB', async () => MongoDeliveryStore.create(await mongo.open()));
describeSilenceStoreContract('MongoDB', async () => MongoSilenceStore.create(await mongo.open()));
describeAlertStateStoreContract('MongoDB', async () => MongoAlertStateStore.create(await mongo.open()));
describeDeliveryOutboxContract('MongoDB', async () => MongoDeliveryOutbox.create(await mongo.open()));

describe('MongoDB alerting across processes', () => {
  const state = { ...INITIAL_STATE, tenantId: 't1', ruleId: 'r1', groupKey: '', group: null, alertId: null, lastValue: null, lastEvaluatedAt: null, recent: [] };

  it('of ten processes racing to commit the same state version, exactly one wins', async () => {
    const first = await MongoAlertStateStore.create(await mongo.open());
    const others = await Promise.all(Array.from({ length: 9 }, async () => MongoAlertStateStore.create(await mongo.reopen())));
    await first.commit('t1', { state, expectedVersion: null });
    const event = (i: number) => ({ id: `e${i}`, tenantId: 't1', ruleId: 'r1', alertId: `a${i}`, group: null, from: 'ok', to: 'firing', value: i, cause: 'evaluator', note: null, at: i });
    const results = await Promise.all([first, ...others].map((store, i) =>
      store.commit('t1', { state: { ...state, state: 'firing', alertId: `a${i}` }, expectedVersion: 1, event: event(i) })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await first.groupState('t1', 'r1', '')).toMatchObject({ version: 2, alertId: `a${winner}` });
    expect((await first.events('t1', {}, 20)).map((e) => e.id)).toEqual([`e${winner}`]);
  });

  it('finishes the writes of a commit whose process died after the state was written', async () => {
    const connection = await mongo.open();
    const store = await MongoAlertStateStore.create(connection);
    // What a commit leaves when its process dies between the state write and the rest: the journal.
    const alert = { id: 'a1', tenantId: 't1', ruleId: 'r1', ruleName: 'rule', group: null, groupBy: null, state: 'firing' as const, severity: 'warning' as const,
      value: 12, operator: '>' as const, threshold: 10, query: '', windowMs: 60_000, startedAt: 1, firedAt: 1, resolvedAt: null, lastEvaluatedAt: 1,
      acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null, resolvedBy: null, resolveNote: null };
    // (The adapter's own document layout: a state version is `<[tenant, rule, group]>#<version>`.)
    const key = JSON.stringify(['t1', 'r1', '']);
    await connection.collection('alert_states').insertOne({
      _id: `${key}#1` as never, stateKey: key, ...state, state: 'firing', alertId: 'a1', version: 1, recent: [{ at: 1, value: 12 }],
      journal: { alert, event: { id: 'e1', tenantId: 't1', ruleId: 'r1', alertId: 'a1', group: null, from: 'ok', to: 'firing', value: 12, cause: 'evaluator', note: null, at: 1 } },
    });
    expect(await store.alert('t1', 'a1')).toBeNull();
    const other = await MongoAlertStateStore.create(await mongo.reopen());
    expect(await other.groupState('t1', 'r1', '')).toMatchObject({ state: 'firing', version: 1, recent: [[1, 12]] });
    expect(await store.alert('t1', 'a1')).toEqual(alert);
    expect((await store.events('t1', {}, 10)).map((e) => e.id)).toEqual(['e1']);
    expect(await connection.collection('alert_states').findOne({}, { projection: { journal: 1 } })).not.toHaveProperty('journal');
  });

  it('hands a due outbox entry to exactly one of several processes', async () => {
    const first = await MongoDeliveryOutbox.create(await mongo.open());
    const others = await Promise.all(Array.from({ length: 5 }, async () => MongoDeliveryOutbox.create(await mongo.reopen())));
    const message = { kind: 'firing' as const, tenantId: 't1', alertId: 'a1', ruleId: 'r1', ruleName: 'x', state: 'firing' as const, severity: 'high' as const,
      groupBy: null, group: null, value: 1, operator: '>' as const, threshold: 0, startedAt: 1, at: 1, link: 'http://localhost/' };
    await first.add('t1', Array.from({ length: 20 }, (_, i) => ({ id: `i${i}.c1`, tenantId: 't1', intentId: `i${i}`, alertId: 'a1', ruleId: 'r1', channelId: 'c1',
      message, status: 'pending' as const, rounds: 0, nextAttemptAt: 0, lastError: null, createdAt: i })));
    const claimed = await Promise.all([first, ...others].map(async (outbox, p) => {
      const mine: string[] = [];
      for (const e of await outbox.due('t1', 10, 50)) if (await outbox.claim('t1', e.id, 10, 60_000, `p${p}`)) mine.push(e.id);
      return mine;
    }));
    expect(claimed.flat().sort()).toEqual(Array.from({ length: 20 }, (_, i) => `i${i}.c1`).sort());
  });
});
