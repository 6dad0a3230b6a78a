/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { sampleLogs, toNdjson } from './support/sample-logs';

jest.setTimeout(120_000);

// The search page as issue 13 asks for it, and the dashboard fixes that came with it.
describe('explore (browser)', () => {
  let b: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    b = await startBrowserApp();
    await b.ingest(toNdjson(sampleLogs(3000)));
    page = await b.signedIn();
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  const searched = () => page.waitForFunction(() => document.body.dataset.searching === 'false');

  it('draws healthy components (true) as healthy on the dashboard', async () => {
    await page.goto('/');
    await page.waitForSelector('#system-body .status-dot');
    const rows = await page.locator('#system-body tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.status-dot')!.className, tr.children[1].textContent]));
    expect(rows.length).toBeGreaterThan(0);
    for (const [dot, text] of rows) {
      expect(dot).toBe('status-dot ok');
      expect(text).toBe('healthy');
    }
  });

  it('keeps level badges on one line in the surrounding records', async () => {
    const long = 'Upstream call failed after retries; ' + 'connection-reset-by-peer '.repeat(12);
    const at = Date.now() - 60_000;
    await b.ingest(toNdjson([0, 1, 2, 3].map((i) => ({ timestamp: new Date(at + i).toISOString(), level: i % 2 ? 'WARNING' : 'CRITICAL', service: 'badges', message: long }))));
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto('/search?range=24h&q=service:badges');
    await searched();
    await page.locator('#results-body tr[data-id]').first().click();
    await page.waitForSelector('#detail-context li.current');
    // The line boxes of each badge's text: 1 when it is on one line, 2 or more when broken mid-word.
    const lines = await page.locator('#detail-context .lvl').evaluateAll((nodes) => nodes.map((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }));
    expect(lines.length).toBeGreaterThan(3);
    expect(new Set(lines)).toEqual(new Set([1]));
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
