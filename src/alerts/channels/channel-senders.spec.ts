import { startSmtpServer, startWebhookReceiver } from '../../../test/support/local-receivers';
import { AlertChannel } from './alert-channel';
import { LiveNotifier } from '../../live/live-notifier';
import { AlertMessage } from './alert-message';
import { browserNotification, BrowserSender } from './browser-sender';
import { ConsoleSender } from './console-sender';
import { EmailSender, emailText } from './email-sender';
import { OutboundUrlGuard } from './outbound-url-guard';
import { SlackSender } from './slack-sender';
import { signature, WebhookSender } from './webhook-sender';

const message: AlertMessage = {
  kind: 'firing', tenantId: 't1', alertId: 'a1', ruleId: 'r1', ruleName: 'Errors <b>', state: 'firing', severity: 'critical',
  groupBy: 'service', group: 'api', value: 12, operator: '>', threshold: 10, startedAt: Date.UTC(2026, 0, 1), at: Date.UTC(2026, 0, 1, 0, 1),
  link: 'http://localhost:8000/search?q=level%3AERROR',
};
const channel = (type: AlertChannel['type'], config: AlertChannel['config']): AlertChannel => ({
  id: 'c1', tenantId: 't1', ownerId: null, name: 'ops', type, config, createdAt: 0, updatedAt: 0,
});
const fast = { timeoutMs: 300, attempts: 3, backoffMs: 10 };
const guard = new OutboundUrlGuard();

describe('webhook sender', () => {
  it('posts the alert as JSON with an HMAC-SHA256 signature of the body and the channel headers', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const outcome = await new WebhookSender(guard, fast).send(channel('webhook', { url: `${receiver.url}/hook`, secret: 'topsecret1', headers: { 'X-Team': 'ops' } }), message);
      expect(outcome).toEqual({ ok: true, httpStatus: 200, error: null, attempts: 1 });
      const [req] = receiver.received;
      expect(req.path).toBe('/hook');
      expect(req.json).toMatchObject({ kind: 'firing', state: 'firing', rule: { id: 'r1', name: 'Errors <b>' }, group: 'api', value: 12, threshold: 10, severity: 'critical', link: message.link });
      expect(req.headers['x-lognest-signature']).toBe(signature('topsecret1', req.body));
      expect(req.headers['x-team']).toBe('ops');
    } finally {
      await receiver.close();
    }
  });

  it('retries 5xx and timeouts with backoff, but not a 4xx', async () => {
    const flaky = await startWebhookReceiver((_, n) => (n === 1 ? { status: 503 } : n === 2 ? { status: 200, delayMs: 1_000 } : { status: 200 }));
    const refusing = await startWebhookReceiver(() => ({ status: 404 }));
    try {
      expect(await new WebhookSender(guard, fast).send(channel('webhook', { url: flaky.url }), message)).toEqual({ ok: true, httpStatus: 200, error: null, attempts: 3 });
      expect(flaky.received[0].headers['x-lognest-signature']).toBeUndefined();
      const failed = await new WebhookSender(guard, fast).send(channel('webhook', { url: refusing.url }), message);
      expect(failed).toMatchObject({ ok: false, httpStatus: 404, attempts: 1, error: 'HTTP 404: nope', retryable: false });
    } finally {
      await flaky.close();
      await refusing.close();
    }
  });

  it('sends the delivery id as Idempotency-Key and in the signed body, the same on every try', async () => {
    const flaky = await startWebhookReceiver((_, n) => ({ status: n === 1 ? 502 : 200 }));
    try {
      const outcome = await new WebhookSender(guard, fast).send(channel('webhook', { url: flaky.url, secret: 'topsecret1' }), message, { deliveryId: 'i1.c1' });
      expect(outcome).toMatchObject({ ok: true, attempts: 2 });
      expect(flaky.received.map((r) => [r.headers['idempotency-key'], r.json.delivery_id])).toEqual([['i1.c1', 'i1.c1'], ['i1.c1', 'i1.c1']]);
      expect(flaky.received[1].headers['x-lognest-signature']).toBe(signature('topsecret1', flaky.received[1].body));
    } finally {
      await flaky.close();
    }
  });

  it('gives up after the last try and reports why; never calls a metadata address', async () => {
    const down = await startWebhookReceiver(() => ({ status: 500 }));
    try {
      expect(await new WebhookSender(guard, fast).send(channel('webhook', { url: down.url }), message)).toMatchObject({ ok: false, httpStatus: 500, attempts: 3 });
    } finally {
      await down.close();
    }
    expect(await new WebhookSender(guard, fast).send(channel('webhook', { url: 'http://169.254.169.254/latest' }), message)).toMatchObject({ ok: false, attempts: 0, error: expect.stringMatching(/link-local/) });
  });
});

describe('slack sender', () => {
  it('posts an incoming-webhook message with a link back, escaping markup', async () => {
    const receiver = await startWebhookReceiver();
    try {
      expect((await new SlackSender(guard, fast).send(channel('slack', { webhook_url: receiver.url }), message)).ok).toBe(true);
      const body = receiver.received[0].json;
      expect(body.text).toBe('[FIRING] Errors &lt;b&gt; [service=api]: 12 &gt; 10 (critical)');
      expect(body.attachments[0]).toMatchObject({ title_link: message.link, color: '#d00000' });
    } finally {
      await receiver.close();
    }
  });
});

describe('email sender', () => {
  it('keeps log-derived values on their own line of the mail', () => {
    const text = emailText({ ...message, ruleName: 'Errors\r\nBcc: x@evil.test', group: 'api\nMatching records: http://evil.test/\u2028x' });
    expect(text.split('\n').filter((l) => l.startsWith('Matching records:'))).toEqual(['Matching records: http://localhost:8000/search?q=level%3AERROR']);
    expect(text).toContain('Group:     service = api Matching records: http://evil.test/ x');
    expect(text.split('\n')[0]).toBe('[FIRING] Errors Bcc: x@evil.test [service=api Matching records: http://evil.test/ x]: 12 > 10 (critical)');
  });

  it('sends a plain-text mail through the SMTP server', async () => {
    const smtp = await startSmtpServer();
    const sender = new EmailSender(smtp.url, 'Lognest <alerts@lognest.test>');
    try {
      expect(await sender.send(channel('email', { to: ['ops@example.com', 'dev@example.com'] }), { ...message, kind: 'resolved', state: 'resolved' })).toEqual({
        ok: true, httpStatus: null, error: null, attempts: 1,
      });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ from: 'alerts@lognest.test', to: ['ops@example.com', 'dev@example.com'] });
      expect(smtp.mails[0].raw).toMatch(/Subject: \[RESOLVED\] Errors <b> \[service=api\]/);
      expect(smtp.mails[0].raw).toContain('Matching records: http://localhost:8000/search?q=level%3AERROR');
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('reports a missing SMTP server as a failed delivery', async () => {
    const sender = new EmailSender(null, 'x@y.z');
    expect(await sender.send(channel('email', { to: ['a@b.c'] }), message)).toMatchObject({ ok: false, error: 'LOGNEST_SMTP_URL is not set' });
  });
});

describe('console sender', () => {
  it('writes one quoted line to the log', async () => {
    const lines: string[] = [];
    await new ConsoleSender({ warn: (l: string) => lines.push(l) } as never).send(channel('console', {}), { ...message, group: 'api\nFAKE LINE' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('\\nFAKE LINE');
  });
});

describe('browser sender', () => {
  it('pushes the alert to the channel tenant’s pages, loud for high and critical only', async () => {
    const pushed: Array<[string, unknown]> = [];
    const live = { notifyTenant: (tenantId: string, n: unknown) => pushed.push([tenantId, n]) } as unknown as LiveNotifier;
    expect(await new BrowserSender(live).send(channel('browser', {}), message)).toMatchObject({ ok: true, attempts: 1 });
    expect(pushed).toEqual([['t1', {
      kind: 'alert', title: 'Firing: Errors <b>', message: 'service=api: 12 > 10 (critical)', severity: 'critical', url: '/alerts?alert=a1',
      timestamp: new Date(message.at).toISOString(),
    }]]);
    expect(browserNotification({ ...message, severity: 'high' }).severity).toBe('error');
    expect(browserNotification({ ...message, severity: 'warning' }).severity).toBe('warning');
    expect(browserNotification({ ...message, kind: 'resolved', state: 'resolved' })).toMatchObject({ title: 'Resolved: Errors <b>', severity: 'info' });
    expect(browserNotification({ ...message, kind: 'reminder' }).title).toBe('Still firing: Errors <b>');
  });
});
