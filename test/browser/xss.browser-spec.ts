/// <reference lib="dom" />
import { BrowserApp, startBrowserApp } from './support/browser-app';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';

/** Log content is attacker-controlled: every page must show it as text and never run it. */
jest.setTimeout(120_000);

describe('hostile log content (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
    const now = Date.now();
    const records = [
      { timestamp: new Date(now - 60_000).toISOString(), level: 'error', message: IMG, service: '<b>svc</b>', endpoint: '/x"><svg onload=window.__xss=1>', correlation_id: 'trace-xss', status_code: 500, response_time_ms: 12, user_id: 'u1', '"><img src=x onerror=window.__xss=1>': 'k' },
      { timestamp: new Date(now - 30_000).toISOString(), level: 'critical', message: SCRIPT, service: 'xss-svc', endpoint: '/y', correlation_id: 'trace-xss', status_code: 502, response_time_ms: 30, user_id: 'u2' },
    ];
    await b.ingest(records.map((r) => JSON.stringify(r)).join('\n'));
  });
  afterAll(async () => {
    await b?.close();
  });

  const inert = async (page: import('playwright-core').Page) => {
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
  };

  it('keeps the payloads inert and literal on search, detail, trace, dashboard and autocomplete', async () => {
    const page = await b.signedIn();

    // dashboard: latest error card
    await page.waitForSelector('body[data-loaded="true"]');
    await expect(page.locator('#stat-latest-error').textContent()).resolves.toBe(SCRIPT);
    await inert(page);

    // search results and detail panel
    await page.goto('/search?range=1h');
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    const messages = await page.locator('#results-body td.msg').allTextContents();
    expect(messages).toEqual(expect.arrayContaining([IMG, SCRIPT]));
    await page.locator('#results-body tr', { hasText: IMG }).click();
    await page.waitForSelector('#detail-context li.current');
    await expect(page.locator('#detail-message').textContent()).resolves.toBe(IMG);
    await expect(page.locator('#detail-fields').textContent()).resolves.toContain('/x"><svg onload=window.__xss=1>');
    await expect(page.locator('#detail-raw').textContent()).resolves.toContain('"message": "<img src=x onerror=window.__xss=1>"');
    await inert(page);

    // autocomplete: field names and values (messages are not offered)
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('serv', { delay: 20 });
    await page.locator('#suggestions li', { hasText: 'service:' }).waitFor();
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('endpoint:/x', { delay: 20 });
    await page.locator('#suggestions li', { hasText: '<svg onload' }).waitFor();
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('service:<', { delay: 20 });
    await page.locator('#suggestions li', { hasText: '<b>svc</b>' }).waitFor();
    await inert(page);

    // trace
    await page.goto('/trace/trace-xss');
    await page.waitForSelector('body[data-loaded="true"]');
    const traceText = await page.locator('#timeline').textContent();
    expect(traceText).toContain(IMG);
    expect(traceText).toContain(SCRIPT);
    await inert(page);

    // a hostile correlation id in the URL is text too
    await page.goto('/trace/' + encodeURIComponent('"><img src=x onerror=window.__xss=1>'));
    await page.waitForSelector('body[data-loaded="true"]');
    await expect(page.locator('#trace-id').textContent()).resolves.toBe('"><img src=x onerror=window.__xss=1>');
    await inert(page);
    expect(b.problems).toEqual([]);
  });
});
