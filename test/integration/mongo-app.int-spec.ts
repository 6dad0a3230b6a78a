import { randomUUID } from 'node:crypto';
import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { MongoConnection } from '../../src/platform/metadata/mongo-connection';
import { startWebhookReceiver } from '../support/local-receivers';
import { ndjson, startTestApp, TestApp, waitFor } from '../support/test-app';
import { TEST_MONGODB_URL } from './support/test-mongo';

/**
 * The whole app with LOGNEST_MONGODB_URL: accounts, tokens, files, saved searches, history,
 * settings, dashboards and alerting live in MongoDB (FerretDB in CI), in a database of this run's own. A restart
 * on a new data directory finds them all again: nothing of it was in the local SQLite file.
 */
describe('Lognest on MongoDB (whole app)', () => {
  const database = `lognest_test_app_${randomUUID().slice(0, 8)}`;
  const url = `${TEST_MONGODB_URL.replace(/\/?$/, '/')}${database}`;
  let app: TestApp;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGNEST_MONGODB_URL: url } });
  });

  afterAll(async () => {
    await app?.close();
    await hook?.close();
    const mongo = await MongoConnection.open(url);
    await mongo.dropDatabase();
    await mongo.onApplicationShutdown();
  });

  it('reports MongoDB as the metadata store in health', async () => {
    const res = await app.http.get('/api/health').expect(200);
    expect(res.body.components).toMatchObject({ log_store: true, metadata_store: true });
  });

  it('keeps users, tokens, files, saved searches, history, settings and dashboards across a restart on another data dir', async () => {
    const viewer = await app.userIn('mongo-team', 'mongo-viewer', 'viewer');
    await app.http.post('/api/upload').set(app.auth).attach('file', Buffer.from(ndjson(3, 'uploaded')), 'mongo.ndjson').expect(201);
    await app.filesIdle();
    const saved = (await app.http.post('/api/search/save').set(app.auth).send({ name: 'mongo errors', filters: { q: 'mongo', level: 'ERROR' } }).expect(201)).body;
    await app.http.post('/api/search').set(app.auth).send({ q: 'mongo' }).expect(200);
    await app.http.put('/api/admin/settings').set(app.auth).send({ open_registration: false }).expect(200);
    const board = (await app.http.post('/api/dashboards').set(app.auth).send({ name: 'mongo board', shared: true, widgets: [{ id: 'n', type: 'number', query: 'uploaded' }] }).expect(201)).body.dashboard;
    await app.http.put(`/api/dashboards/${board.id}`).set(app.auth).send({ description: 'second version', version: 1 }).expect(200);
    await app.close();

    // A new data directory: only MongoDB (and the logs' own store, which stays local) knows the past.
    app = await startTestApp({ env: { LOGNEST_MONGODB_URL: url } });
    const users = (await app.http.get('/api/admin/users').set(app.auth).expect(200)).body.users as { username: string }[];
    expect(users.filter((u) => u.username === 'admin')).toHaveLength(1); // not created a second time
    expect(users.map((u) => u.username)).toContain('mongo-viewer');
    await app.http.get('/api/user/current').set(viewer).expect(200); // a bearer token issued before the restart
    const searches = (await app.http.get('/api/search/saved').set(app.auth).expect(200)).body.searches;
    expect(searches).toEqual([expect.objectContaining({ id: saved.search_id, name: 'mongo errors' })]);
    const history = (await app.http.get('/api/search/history').set(app.auth).expect(200)).body.history;
    expect(history.map((h: { query: string }) => h.query)).toContain('mongo');
    const files = (await app.http.get('/api/files').set(app.auth).expect(200)).body;
    expect(files.total).toBe(1);
    expect(files.files[0]).toMatchObject({ filename: 'mongo.ndjson', status: 'completed' });
    expect((await app.http.get('/api/admin/settings').set(app.auth).expect(200)).body.open_registration).toBe(false);
    const dashboards = (await app.http.get('/api/dashboards').set(app.auth).expect(200)).body.dashboards;
    expect(dashboards).toEqual([expect.objectContaining({ id: board.id, name: 'mongo board', description: 'second version', version: 2 })]);
    await app.http.put(`/api/dashboards/${board.id}`).set(app.auth).send({ name: 'stale', version: 1 }).expect(409);
    // The widget stored in MongoDB runs against this data dir's (empty) log store.
    const data = (await app.http.get(`/api/dashboards/${board.id}/data`).set(app.auth).expect(200)).body;
    expect(data.widgets.n).toMatchObject({ type: 'number', stat: 'count', value: 0 });
  });

  it('keeps alert rules, channels, silences, triggered alerts, history and deliveries across a restart', async () => {
    hook = await startWebhookReceiver();
    // A header name with `.` and `$`: legal in HTTP, not as a MongoDB field name.
    const channel = (await app.http.post('/api/alerts/channels').set(app.auth)
      .send({ name: 'mongo hook', type: 'webhook', config: { url: `${hook.url}/alerts`, headers: { 'X.Team$': 'ops' } } }).expect(201)).body.channel;
    const rule = (await app.http.post('/api/alerts/rules').set(app.auth).send({
      name: 'mongo errors', query: 'mongoalert', condition: { operator: '>', threshold: 0, window: '10m' }, channels: [channel.id],
    }).expect(201)).body.rule;
    const silence = (await app.http.post('/api/alerts/silences').set(app.auth)
      .send({ matchers: { rule_id: rule.id, severity: 'info' }, ends_at: new Date(Date.now() + 3_600_000).toISOString(), comment: 'not this severity' }).expect(201)).body.silence;
    const records = [1, 2, 3].map((i) => JSON.stringify({ timestamp: new Date(Date.now() - 60_000 - i * 1000).toISOString(), level: 'error', message: `mongoalert ${i}` }));
    await app.http.post('/api/logs/bulk').set(app.auth).type('application/x-ndjson').send(records.join('\n')).expect(200);
    await app.app.get(AlertEvaluationRunner).evaluateTenant('default');
    await waitFor(async () => hook!.received.length === 1, 20_000, 50);
    expect(hook.received[0].headers['x.team$']).toBe('ops');
    const firing = (await app.http.get(`/api/alerts/triggered?rule_id=${rule.id}`).set(app.auth).expect(200)).body.alerts;
    expect(firing).toMatchObject([{ state: 'firing', value: 3 }]);
    await waitFor(async () => (await app.http.get(`/api/alerts/triggered/${firing[0].id}`).set(app.auth)).body.alert.deliveries.length === 1, 20_000, 100);
    await app.close();

    app = await startTestApp({ env: { LOGNEST_MONGODB_URL: url } });
    expect((await app.http.get(`/api/alerts/rules/${rule.id}`).set(app.auth).expect(200)).body.rule).toMatchObject({ name: 'mongo errors', statistics: { times_fired: 1 } });
    expect((await app.http.get(`/api/alerts/channels/${channel.id}`).set(app.auth).expect(200)).body.channel.config.headers).toEqual({ 'X.Team$': 'ops' });
    expect((await app.http.get('/api/alerts/silences').set(app.auth).expect(200)).body.silences.map((s: { id: string }) => s.id)).toEqual([silence.id]);
    const detail = (await app.http.get(`/api/alerts/triggered/${firing[0].id}`).set(app.auth).expect(200)).body.alert;
    expect(detail).toMatchObject({ state: 'firing', notifications: [{ status: 'sent' }], deliveries: [{ status: 'sent', http_status: 200 }] });
    const history = (await app.http.get(`/api/alerts/history?rule_id=${rule.id}`).set(app.auth).expect(200)).body;
    expect(JSON.stringify(history)).toContain('firing');
    // The state survived too: this data dir's log store is empty, so the next evaluation resolves
    // the alert the other process fired (from an `ok` state it would have had nothing to resolve).
    await app.app.get(AlertEvaluationRunner).evaluateTenant('default');
    expect((await app.http.get(`/api/alerts/triggered?rule_id=${rule.id}`).set(app.auth).expect(200)).body.alerts).toMatchObject([{ id: firing[0].id, state: 'resolved' }]);
    await waitFor(async () => hook!.received.length === 2, 20_000, 50);
    expect(hook.received.map((r) => (r.json as { kind: string }).kind)).toEqual(['firing', 'resolved']);
  }, 90_000);
});
