import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer, call, freePort, loginToken, startServer } from '../support/child-server';
import { startWebhookReceiver } from '../support/local-receivers';
import { ADMIN_PASSWORD, waitFor } from '../support/test-app';

const OUT_DIR = 'dist/e2e-alert-crash';

/**
 * The outbox against a real crash: the compiled server fires an alert, is SIGKILLed while its
 * webhook call is in flight (state committed, send not recorded), and is restarted on the
 * same data. The notification is neither lost nor sent as a second, different one: the
 * restarted process sends it again with the same idempotency key once the dead one's lease
 * ran out, and never announces the still-firing alert anew.
 */
describe('alert notification across kill -9 (e2e, child process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-alert-crash-'));
  let child: ChildProcess | null = null;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const start = async (port: number) => {
    child = await startServer(port, {
      LOGNEST_DATA_DIR: path.join(dir, 'data'), LOGNEST_UPLOADS_DIR: path.join(dir, 'uploads'), LOGNEST_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // One try may take 1 s, so the lease of a send is 11 s (outbox-policy.ts).
      LOGNEST_ALERT_DELAY: '0s', LOGNEST_ALERT_SEND_TIMEOUT: '1s',
    }, OUT_DIR);
    return { Authorization: `Bearer ${await loginToken(port, 'admin', ADMIN_PASSWORD)}` };
  };
  const json = async (port: number, method: string, url: string, auth: Record<string, string>, body?: object) => {
    const res = await call(port, method, url, body === undefined ? undefined : JSON.stringify(body), auth);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.body}`);
    return JSON.parse(res.body);
  };

  beforeAll(async () => {
    buildServer(OUT_DIR);
    // The first call hangs (the process dies while waiting for it); later ones are answered.
    hook = await startWebhookReceiver((_, n) => ({ status: 200, delayMs: n === 1 ? 20_000 : 0 }));
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await hook.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the notification once more with the same key after a restart, and nothing else', async () => {
    const port = await freePort();
    let auth = await start(port);
    const channel = (await json(port, 'POST', '/api/alerts/channels', auth, { name: 'hook', type: 'webhook', config: { url: `${hook.url}/alerts` } })).channel;
    const rule = (await json(port, 'POST', '/api/alerts/rules', auth, {
      name: 'Crash test', query: 'crashword', interval: '5s', condition: { operator: '>', threshold: 0, window: '10m' }, channels: [channel.id],
    })).rule;
    const records = [1, 2, 3].map((i) => JSON.stringify({ timestamp: new Date(Date.now() - i * 1000).toISOString(), level: 'error', message: `crashword ${i}` })).join('\n');
    await call(port, 'POST', '/api/logs/bulk', records, { ...auth, 'Content-Type': 'application/x-ndjson' });

    await waitFor(async () => hook.received.length >= 1, 30_000, 20);
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const first = hook.received[0];
    expect(first.json).toMatchObject({ kind: 'firing', rule: { id: rule.id } });

    auth = await start(port);
    await waitFor(async () => hook.received.length >= 2, 60_000, 100);
    const again = hook.received[1];
    expect(again.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(again.json).toEqual(first.json);
    const alertId = first.json.alert_id;
    const sent = await waitFor(async () => {
      const detail = (await json(port, 'GET', `/api/alerts/triggered/${alertId}`, auth)).alert;
      return detail.notifications[0]?.status === 'sent' ? detail : null;
    }, 20_000, 200);
    expect(sent).toMatchObject({ state: 'firing', notifications: [{ status: 'sent', rounds: 1 }], deliveries: [{ status: 'sent', http_status: 200 }] });
    // Two more evaluations and sweeps: the alert stays firing and nothing more is sent.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(hook.received).toHaveLength(2);
    expect((await json(port, 'GET', `/api/alerts/triggered?rule_id=${rule.id}`, auth)).alerts).toMatchObject([{ id: alertId, state: 'firing' }]);
  }, 150_000);
});
