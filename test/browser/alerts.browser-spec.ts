/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { startWebhookReceiver } from '../support/local-receivers';
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

describe('alerts page (browser)', () => {
  let b: BrowserApp;
  let page: Page;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const errors = (n: number, service: string, message = 'checkout failed') =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ timestamp: new Date(Date.now() - 30_000 + i).toISOString(), level: 'error', message, service })).join('\n');

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    // Windows end now (no delay), so the rule sees the records at its next evaluation.
    b = await startBrowserApp({ env: { LOGNEST_ALERT_DELAY: '0s' } });
    page = await b.signedIn();
  });
  afterAll(async () => {
    await b?.close();
    await hook?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('adds a channel and sends it a test', async () => {
    await page.goto('/alerts');
    await page.getByLabel('Name', { exact: true }).first().waitFor();
    await page.locator('#channel-name').fill('ops hook');
    await page.locator('#channel-url').fill(`${hook.url}/hook`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('button', { name: 'Send a test to ops hook' }).click();
    await expect(page.locator('#toast').textContent()).resolves.toBeDefined();
    await page.waitForFunction(() => /Test sent to ops hook/.test(document.getElementById('toast')!.textContent || ''));
    expect(hook.received.map((r) => r.json.kind)).toEqual(['test']);
  });

  it('creates a rule in the editor with its 24 h preview, and sees it fire, notify and resolve', async () => {
    await b.ingest(errors(3, 'checkout'));
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.locator('#rule-name').fill('Checkout failures');
    await page.locator('#rule-query').fill('checkout');
    await page.locator('#rule-levels').fill('ERROR');
    await page.locator('#rule-threshold').fill('4');
    await page.locator('#rule-window').fill('1m');
    await page.locator('#rule-interval').fill('5s');
    await page.locator('#rule-severity').selectOption('critical');
    await page.getByLabel('ops hook (webhook)').check();
    // The preview draws the last 24 h: the 3 records so far, under the threshold line.
    await page.waitForFunction(() => Number(document.body.dataset.previewPoints) > 0);
    await b.screenshot(page, 'alerts-editor');
    await page.getByRole('button', { name: 'Save rule' }).click();
    const row = page.locator('#rules-body tr', { hasText: 'Checkout failures' });
    await row.waitFor();
    await expect(row.getAttribute('data-state')).resolves.toBe('ok');

    await b.ingest(errors(5, 'checkout'));
    // The in-process scheduler evaluates every 5 s; the page refreshes every 5 s.
    await page.waitForSelector('#rules-body tr[data-state="firing"]', { timeout: 30_000 });
    const alert = page.locator('#triggered-body tr[data-state="firing"]', { hasText: 'Checkout failures' });
    await alert.waitFor();
    await b.screenshot(page, 'alerts');
    expect(hook.received.filter((r) => r.json.kind === 'firing')).toHaveLength(1);
    expect(hook.received.find((r) => r.json.kind === 'firing')!.json).toMatchObject({ rule: { name: 'Checkout failures' }, severity: 'critical', value: 8, threshold: 4 });
    const link = await alert.getByRole('link', { name: 'Checkout failures' }).getAttribute('href');
    expect(new URL(link!).searchParams.get('q')).toBe('(checkout) AND level:("ERROR")');

    page.once('dialog', (d) => d.accept('on it'));
    await alert.getByRole('button', { name: 'Acknowledge Checkout failures' }).click();
    await page.waitForSelector('#triggered-body tr[data-state="firing"] >> text=acknowledged by admin');
    page.once('dialog', (d) => d.accept('fixed the gateway'));
    await page.locator('#triggered-body tr[data-state="firing"]').getByRole('button', { name: 'Resolve Checkout failures' }).click();
    await page.waitForSelector('#triggered-body tr[data-state="resolved"]');
    await page.waitForSelector('#history-body >> text=fixed the gateway');
    expect(hook.received.filter((r) => r.json.kind === 'resolved')).toHaveLength(1);
  });

  it('edits an anomaly rule: the watched metric instead of a field, previewed like the others', async () => {
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.locator('#rule-name').fill('Odd checkout volume');
    await page.locator('#rule-query').fill('checkout');
    await page.locator('#rule-aggregation').selectOption('anomaly');
    await page.locator('#rule-anomaly-metric').waitFor({ state: 'visible' });
    expect(await page.locator('#rule-field').isVisible()).toBe(false);
    await page.locator('#rule-anomaly-method').selectOption('robust_zscore');
    await page.locator('#rule-anomaly-direction').selectOption('spike');
    await page.locator('#rule-threshold').fill('4');
    await page.waitForFunction(() => /against the threshold/.test(document.getElementById('preview-note')!.textContent || ''));
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('#rules-body tr', { hasText: 'anomaly(log_volume, spike) > 4' }).waitFor();
  });

  it('shows log-derived group values as text, never as markup', async () => {
    await b.ingest(errors(6, '<img src=x onerror="window.__pwned=1">', 'xss probe'));
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.locator('#rule-name').fill('Per service');
    await page.locator('#rule-query').fill('probe');
    await page.locator('#rule-threshold').fill('1');
    await page.locator('#rule-group-by').fill('service');
    await page.locator('#rule-interval').fill('5s');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.waitForSelector('#triggered-body tr >> text=service=<img', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#triggered-body img').count()).toBe(0);
  });
});
