/// <reference lib="dom" />
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** Three patterns: 30 logins, 10 failed payments (with markup in them), 3 lines of another tenant's shape. */
function traffic(now: number): string {
  const lines: object[] = [];
  for (let i = 0; i < 30; i++) lines.push({ timestamp: new Date(now - (50 - i) * MIN).toISOString(), service: 'auth', level: 'info', message: `User user-${i} logged in` });
  for (let i = 0; i < 10; i++) lines.push({ timestamp: new Date(now - (20 - i) * MIN).toISOString(), service: 'billing', level: 'error', message: `Payment pay_${i} declined ${HOSTILE}` });
  for (let i = 0; i < 3; i++) lines.push({ timestamp: new Date(now - 5 * MIN).toISOString(), service: 'auth', level: 'warning', message: `Cache shard ${i} slow` });
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

describe('Patterns tab of the search page (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
    await b.ingest(traffic(Date.now()));
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('groups the results by pattern with counts, share, trend and a sample, markup shown as text', async () => {
    const page = await b.signedIn();
    await page.goto(`${b.base}/search?range=24h`);
    await page.waitForSelector('#results-body tr[data-id]');
    await page.click('#result-actions [data-view=patterns]');
    await page.waitForSelector('#patterns-body tr[data-pattern-id]');
    expect(new URL(page.url()).searchParams.get('view')).toBe('patterns');
    await expect(page.isVisible('#search-layout')).resolves.toBe(false);
    const rows = await page.$$eval('#patterns-body tr[data-pattern-id]', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent).concat([tr.querySelector('.pattern-template')!.textContent!])));
    expect(rows).toEqual([
      ['30', '69.8 %', 'User <*> logged in'],
      ['10', '23.3 %', 'Payment <*> declined <img src=x onerror=<*>'],
      ['3', '7 %', 'Cache shard <*> slow'],
    ]);
    await expect(page.$$eval('#patterns-body canvas.sparkline', (c) => c.length)).resolves.toBe(3);
    await expect(page.locator('#patterns-body tr').nth(1).locator('.pattern-sample').textContent()).resolves.toMatch(/^Payment pay_\d declined <img/);
    await expect(page.$$eval('#patterns-body img', (imgs) => imgs.length)).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('#patterns-body tr').first().locator('.badge-new').count()).resolves.toBe(1);
    await b.screenshot(page, 'search-patterns');
  });

  it('excludes a pattern, staying on the tab, and shows only one in the log table', async () => {
    const page = await b.signedIn();
    await page.goto(`${b.base}/search?range=24h&view=patterns`);
    await page.waitForSelector('#patterns-body tr[data-pattern-id]');
    const login = await page.locator('#patterns-body tr').first().getAttribute('data-pattern-id');
    await page.locator('#patterns-body tr').first().getByRole('button', { name: 'Exclude records of this pattern' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#patterns-body tr[data-pattern-id]').length === 2);
    await expect(page.inputValue('#q')).resolves.toBe(`-pattern_id:${login}`);
    const payment = await page.locator('#patterns-body tr').first().getAttribute('data-pattern-id');
    await page.locator('#patterns-body tr').first().getByRole('button', { name: 'Show only records of this pattern' }).click();
    await page.waitForFunction(() => document.getElementById('result-count')!.textContent === '10 hits');
    await expect(page.inputValue('#q')).resolves.toBe(`-pattern_id:${login} pattern_id:${payment}`);
    await expect(page.isVisible('#search-layout')).resolves.toBe(true);
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
  });

  it('shows a tenant only its own patterns', async () => {
    const other = await b.t.userIn('patterns-browser-other', 'pb-other');
    const res = await b.t.http.get('/api/patterns').set(other).expect(200);
    expect(res.body.patterns).toEqual([]);
  });
});
