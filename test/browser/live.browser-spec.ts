/// <reference lib="dom" />
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

const XSS = '<img src=x onerror=window.__xss=1>';
const line = (message: string, level = 'info', service = 'live-svc') =>
  JSON.stringify({ timestamp: new Date().toISOString(), level, message, service, correlation_id: 'live-corr' });

/** The Live page against the real app: records stream in, pause, filters, detail, XSS, metrics. */
describe('live page (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('streams, pauses and resumes with a counter, filters, opens the detail panel, keeps log content inert', async () => {
    const page = await b.signedIn();
    await page.getByRole('link', { name: 'Live' }).click();
    await page.waitForURL((u) => u.pathname === '/live');
    await page.locator('#live-status-text', { hasText: 'Live' }).waitFor();

    await b.ingest([line('first live record'), line(XSS, 'error'), line('disk almost full', 'critical', 'storage')].join('\n'));
    await page.locator('#live-body tr').nth(2).waitFor();
    expect(await page.locator('#live-body td.msg').allTextContents()).toEqual(['first live record', XSS, 'disk almost full']);
    expect(await page.locator('#live-body tr.live-error').count()).toBe(1);
    expect(await page.locator('#live-body tr.live-critical').count()).toBe(1);

    // Space pauses: new records are counted, not shown, until resume.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await expect(page.locator('#pause').getAttribute('aria-pressed')).resolves.toBe('true');
    await b.ingest([line('while paused 1'), line('while paused 2')].join('\n'));
    await page.locator('#paused-count', { hasText: '2 new' }).waitFor();
    expect(await page.locator('#live-body tr').count()).toBe(3);
    await page.keyboard.press('Space');
    await page.locator('#live-body tr').nth(4).waitFor();
    await expect(page.locator('#paused-count').isHidden()).resolves.toBe(true);

    // Ctrl+K focuses the query; a filter change applies at once; a bad query says where.
    await page.keyboard.press('Control+k');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('q');
    await page.locator('#q').fill('status_code:>=');
    await page.locator('#q').press('Enter');
    await page.locator('#query-error').waitFor();
    await page.locator('#q').fill('');
    await page.locator('#q').press('Enter');
    await page.locator('#query-error').waitFor({ state: 'hidden' });
    await page.locator('#f-level').selectOption('CRITICAL');
    await page.waitForFunction(() => location.search.includes('level=CRITICAL'));
    await page.locator('#clear').click();
    await b.ingest([line('only info'), line('critical again', 'critical')].join('\n'));
    await page.locator('#live-body tr').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#live-body td.msg').allTextContents()).toEqual(['critical again']);

    // The detail panel, as on search, with the surrounding logs.
    await page.locator('#f-level').selectOption('');
    await b.ingest(line(XSS, 'error', '<b>svc</b>'));
    await page.locator('#live-body tr', { hasText: XSS }).click();
    await page.waitForSelector('#detail-context li.current');
    await expect(page.locator('#detail-message').textContent()).resolves.toBe(XSS);
    await expect(page.locator('#detail-trace').getAttribute('href')).resolves.toBe('/trace/live-corr');
    await expect(page.locator('#detail-fields .dd-value', { hasText: '<b>svc</b>' }).count()).resolves.toBe(1);

    // Filter out / for from the panel edit the live filter, which applies at once.
    await page.getByRole('button', { name: 'Filter out this value: service', exact: true }).click();
    await expect(page.locator('#q').inputValue()).resolves.toBe('-service:"<b>svc</b>"');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '-service:"<b>svc</b>"');
    await page.keyboard.press('Escape');
    await expect(page.locator('#detail').isHidden()).resolves.toBe(true);
    await page.locator('#clear').click();
    await page.waitForTimeout(200);
    await b.ingest([line('hidden by the filter', 'info', '<b>svc</b>'), line('kept by the filter', 'warning')].join('\n'));
    await page.locator('#live-body tr').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#live-body td.msg').allTextContents()).toEqual(['kept by the filter']);
    await page.locator('#live-body tr').first().click();
    await page.getByRole('button', { name: 'Filter for this value: level', exact: true }).click();
    await expect(page.locator('#q').inputValue()).resolves.toBe('-service:"<b>svc</b>" level:WARNING');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await b.ingest([line('an info line'), line('a warning line', 'warning')].join('\n'));
    await page.locator('#live-body tr').nth(1).waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#live-body td.msg').allTextContents()).toEqual(['kept by the filter', 'a warning line']);
    await page.locator('#q').fill('');
    await page.locator('#q').press('Enter');

    // Metrics tiles fill from the stream.
    await page.waitForFunction(() => document.getElementById('m-users')?.textContent === '1', null, { timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await b.screenshot(page, 'live');
    expect(b.problems).toEqual([]);
  });

  it('stops following when scrolled up and resumes at the bottom, keeping at most 2,000 rows', async () => {
    const page = await b.signedIn({ height: 700 });
    await page.goto('/live?q=bulkword');
    await page.locator('#live-status-text', { hasText: 'Live' }).waitFor();
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => line(`bulkword ${from + i}`)).join('\n');
    await b.ingest(lines(0, 450));
    await page.locator('#live-body tr').nth(449).waitFor();
    const atBottom = () => page.evaluate(() => { const s = document.getElementById('live-scroll')!; return s.scrollTop + s.clientHeight >= s.scrollHeight - 24; });
    expect(await atBottom()).toBe(true);
    await page.evaluate(() => { document.getElementById('live-scroll')!.scrollTop = 0; });
    await page.locator('#jump-latest').waitFor();
    await page.waitForTimeout(1_100);
    await b.ingest(lines(450, 50));
    await page.locator('#live-body tr').nth(499).waitFor();
    expect(await page.evaluate(() => document.getElementById('live-scroll')!.scrollTop)).toBe(0);
    await page.locator('#jump-latest').click();
    expect(await atBottom()).toBe(true);
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(1_100); // under LOGNEST_LIVE_MAX_RATE (500/s): nothing dropped
      await b.ingest(lines(500 + i * 450, 450));
      await page.waitForFunction((n) => document.querySelector('#live-body tr:last-child td.msg')?.textContent === `bulkword ${n}`, 500 + i * 450 + 449);
    }
    expect(await page.locator('#live-body tr').count()).toBe(2000);
    expect(await atBottom()).toBe(true);

    // Over LOGNEST_LIVE_MAX_RATE in one commit: the page says how many it did not get.
    await expect(page.locator('#dropped').isHidden()).resolves.toBe(true);
    await page.waitForTimeout(1_100);
    await b.ingest(lines(5_000, 900));
    await page.locator('#dropped', { hasText: 'were not shown' }).waitFor();
    expect(await page.locator('#dropped').textContent()).toMatch(/^400 matching records were not shown/);
    expect(await page.locator('#live-body tr').count()).toBe(2000);
    expect(b.problems).toEqual([]);
  });
});
