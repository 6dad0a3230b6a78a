import { startSmtpServer, startWebhookReceiver } from '../../../test/support/local-receivers';
import { AlertChannel } from './alert-channel';
import { AlertMessage } from './alert-message';
import { ConsoleSender } from './console-sender';
import { EmailSender } from './email-sender';
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
      expect(failed).toMatchObject({ ok: false, httpStatus: 404, attempts: 1, error: 'HTTP 404: nope' });
    } finally {
      await flaky.close();
      await refusing.close();
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
