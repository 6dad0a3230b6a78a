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

  type ChartLike = { getDatasetMeta(i: number): { data: { x: number; y: number; tooltipPosition(): { x: number; y: number } }[] }; data: { labels: string[]; datasets: { data: number[] }[] } };
  /** Clicks element `index` of a dashboard chart, waits for the search it opens, returns its label and value. */
  async function clickChart(id: string, index: number) {
    const canvas = page.locator(`#${id}`);
    await canvas.scrollIntoViewIfNeeded();
    const at = await canvas.evaluate((c, i) => {
      const chart = (window as unknown as { Chart: { getChart(c: Element): ChartLike } }).Chart.getChart(c)!;
      const p = chart.getDatasetMeta(0).data[i].tooltipPosition();
      return { x: p.x, y: p.y, label: chart.data.labels[i], value: chart.data.datasets[0].data[i] };
    }, index);
    await Promise.all([page.waitForURL(/\/search\?/), canvas.click({ position: { x: at.x, y: at.y } })]);
    await searched();
    return at;
  }

  it('drills down from the dashboard charts into the search, endpoints grouped by route, over all time too', async () => {
    await page.goto('/');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    const labels = await page.evaluate(() => (window as unknown as { LognestDashboard: { charts: Record<string, ChartLike> } }).LognestDashboard.charts['chart-endpoints'].data.labels);
    expect(labels).toEqual(expect.arrayContaining(['/api/products/{id}', '/api/orders/{id}', '/api/products']));
    expect(labels.filter((l) => /\d/.test(l))).toEqual([]);
    const slow = await page.locator('#slowest-body td:first-child').allTextContents();
    expect(slow.filter((l) => /\d/.test(l))).toEqual([]);

    // A bar of top endpoints: the search for its route finds exactly the bar's requests.
    const route = labels.indexOf('/api/products/{id}');
    const bar = await clickChart('chart-endpoints', route);
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/^endpoint:\//);
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`${bar.value.toLocaleString('en-US')} hits`);
    const endpoints = await page.locator('#results-body td[data-column="endpoint"] .cell-text').allTextContents();
    expect(endpoints.length).toBeGreaterThan(0);
    for (const e of endpoints) expect(e).toMatch(/^\/api\/products\/\d+$/);

    // A slice of the levels doughnut.
    await page.goto('/');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    const slice = await clickChart('chart-levels', 0);
    expect(new URL(page.url()).searchParams.get('level')).toBe(slice.label);
    expect(new URL(page.url()).searchParams.get('range')).toBe('24h');
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`${slice.value.toLocaleString('en-US')} hits`);

    // All time, then a bar of logs per day: the search spans that day.
    await b.ingest(toNdjson([{ timestamp: '2026-06-01T12:00:00Z', level: 'info', service: 'archive', message: 'an old record' }]));
    await page.goto('/?range=all');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    await expect(page.locator('#range').inputValue()).resolves.toBe('all');
    await expect(page.locator('#h-per-hour').textContent()).resolves.toBe('Logs per day');
    await b.screenshot(page, 'dashboard-all-time');
    await clickChart('chart-per-hour', 0);
    const url = new URL(page.url());
    expect([url.searchParams.get('range'), url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['custom', '2026-06-01T00:00:00', '2026-06-01T23:59:59']);
    await expect(page.locator('#result-count').textContent()).resolves.toBe('1 hit');
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

  it('shows surrounding records of the same service, server or all, with dates, loading more before and after', async () => {
    const at = Date.UTC(2026, 10, 3, 9, 0, 0);
    const records = Array.from({ length: 60 }, (_, i) => ({
      timestamp: new Date(at + i * 1000).toISOString(), level: 'info', service: 'ctx', server: i % 2 ? 'odd' : 'even', message: `ctx line ${i}`,
    }));
    await b.ingest(toNdjson(records));
    await page.goto('/search?range=custom&from=2026-11-03T09:00:00&to=2026-11-03T09:01:00&q=service:ctx');
    await searched();
    const lines = () => page.locator('#detail-context li .ctx-msg').allTextContents();
    const middle = page.locator('#results-body tr[data-id]').filter({ hasText: 'ctx line 30' });
    await middle.click();
    await page.waitForSelector('#detail-context li.current');
    // Same service and server: the even lines only, 10 on each side.
    expect(await lines()).toEqual(Array.from({ length: 21 }, (_, i) => `[ctx] ctx line ${10 + 2 * i}`));
    const times = await page.locator('#detail-context li .t').allTextContents();
    expect(times[0]).toBe('2026-11-03 09:00:10.000');
    expect(times.every((t) => /^2026-11-03 09:00:\d\d\.\d{3}$/.test(t))).toBe(true);

    await page.locator('#context-scope').selectOption('service');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('around') === 'service');
    await page.waitForFunction(() => document.querySelectorAll('#detail-context li .ctx-msg')[0]?.textContent === '[ctx @ even] ctx line 20');
    expect((await lines()).length).toBe(21);
    await page.getByRole('button', { name: 'Load earlier' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#detail-context li').length === 31);
    expect((await lines())[0]).toBe('[ctx @ even] ctx line 10');
    await page.getByRole('button', { name: 'Load later' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#detail-context li').length === 41);
    expect((await lines()).at(-1)).toBe('[ctx @ even] ctx line 50');
    await page.getByRole('button', { name: 'Load earlier' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#detail-context li').length === 51);
    expect((await lines())[0]).toBe('[ctx @ even] ctx line 0');
    await page.getByRole('button', { name: 'Load earlier' }).click();
    await page.waitForFunction(() => (document.getElementById('context-earlier') as HTMLButtonElement).disabled);
    expect((await lines()).length).toBe(51);
    // Reloaded, the neighbourhood stays as chosen.
    await page.reload();
    await searched();
    await page.waitForSelector('#detail-context li.current');
    await expect(page.locator('#context-scope').inputValue()).resolves.toBe('service');
    await page.locator('#context-scope').selectOption('all');
    await page.waitForFunction(() => document.querySelectorAll('#detail-context li .ctx-msg')[0]?.textContent === '[ctx @ even] ctx line 20');
  });

  const rowsText = (column: string) => page.locator(`#results-body tr[data-id] td[data-column="${column}"] .cell-text`).allTextContents();
  const param = (name: string) => new URL(page.url()).searchParams.get(name);

  it('filters for, out and on presence from the field sidebar, with exact top values', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await page.waitForSelector('#field-list [data-field="service"]');
    await expect(page.locator('#field-info').textContent()).resolves.toMatch(/records, exact/);
    const item = page.locator('#field-list [data-field="service"]');
    await item.locator('.field-name').click();
    const values = await item.locator('.value-text').allTextContents();
    expect(values.length).toBeGreaterThan(1);
    const counts = await item.locator('.value-count').allTextContents();
    const numbers = counts.map((c) => Number(c.split(' ')[0].replace(/,/g, '')));
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    // The count beside the value is the number of hits of a search for it.
    await item.getByRole('button', { name: `Filter for service ${values[0]}` }).click();
    await page.waitForFunction((v) => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('q') === `service:${v}`, values[0]);
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`${numbers[0].toLocaleString('en-US')} hits`);
    expect(new Set(await rowsText('service'))).toEqual(new Set([values[0]]));

    await page.goto('/search?range=24h');
    await searched();
    await page.locator('#field-list [data-field="level"] .field-name').click();
    await page.locator('#field-list [data-field="level"]').getByRole('button', { name: 'Filter out level INFO' }).click();
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('q') === '-level:INFO');
    const levels = await page.locator('#results-body tr[data-id] td[data-column="level"]').allTextContents();
    expect(levels.length).toBeGreaterThan(0);
    expect(levels).not.toContain('INFO');

    await page.locator('#field-filter').fill('region');
    await page.locator('#field-list [data-field="fields.region"] .field-name').click();
    await page.locator('#field-list [data-field="fields.region"]').getByRole('button', { name: 'Exists' }).click();
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('q') === '-level:INFO _exists_:region');
  });

  it('adds a fields.* column, drags it to another place, and keeps the columns in the URL', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await page.waitForSelector('#field-list [data-field="fields.region"]');
    await page.locator('#field-list [data-field="fields.region"] .field-name').click();
    await page.locator('#field-list [data-field="fields.region"]').getByRole('button', { name: 'Add column' }).click();
    await page.waitForFunction(() => (new URLSearchParams(location.search).get('columns') || '').includes('fields.region'));
    const headers = () => page.locator('#results-head th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column));
    expect(await headers()).toEqual(['@timestamp', 'level', 'service', 'endpoint', 'status_code', 'response_time_ms', 'fields.region', 'message']);
    expect(new Set(await rowsText('fields.region'))).toEqual(new Set(['eu-west-1', 'us-east-1']));
    await page.locator('#results-head th[data-column="fields.region"]').dragTo(page.locator('#results-head th[data-column="level"]'));
    await page.waitForFunction(() => new URLSearchParams(location.search).get('columns') === '@timestamp,fields.region,level,service,endpoint,status_code,response_time_ms,message');
    await page.reload();
    await searched();
    expect(await headers()).toEqual(['@timestamp', 'fields.region', 'level', 'service', 'endpoint', 'status_code', 'response_time_ms', 'message']);
    await page.locator('#results-head th[data-column="service"]').hover();
    await page.getByRole('button', { name: 'Remove column service' }).click();
    await page.waitForFunction(() => !(new URLSearchParams(location.search).get('columns') || '').includes('service'));
    expect(await headers()).not.toContain('service');
  });

  it('hides default columns that no record of the page has', async () => {
    await b.ingest(toNdjson([{ timestamp: new Date(Date.now() - 30_000).toISOString(), level: 'info', service: 'plain', message: 'no request fields here' }]));
    await page.goto('/search?range=1h&q=service:plain');
    await searched();
    const headers = await page.locator('#results-head th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column));
    expect(headers).toEqual(['@timestamp', 'level', 'service', 'message']);
  });

  it('searches the span dragged across the histogram', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await page.waitForFunction(() => document.getElementById('histogram-info')!.textContent!.includes('per '));
    await expect(page.locator('#histogram-total').textContent()).resolves.toMatch(/^[\d,]+ records$/);
    const box = (await page.locator('#histogram').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('range') === 'custom');
    const from = Date.parse(param('from')! + 'Z');
    const to = Date.parse(param('to')! + 'Z');
    expect(to - from).toBeGreaterThan(3 * 3_600_000);
    expect(to - from).toBeLessThan(12 * 3_600_000);
    const times = await page.locator('#results-body tr[data-id] td.time').allTextContents();
    for (const t of times) {
      const ms = Date.parse(t.replace(' ', 'T') + 'Z');
      expect(ms).toBeGreaterThanOrEqual(from);
      expect(ms).toBeLessThanOrEqual(to + 999);
    }
  });

  it('takes a typed range, steps back and zooms out in the time picker', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await expect(page.locator('#time-text').inputValue()).resolves.toBe('now-24h to now');
    await page.locator('#time-text').fill('now-3h');
    await page.locator('#time-text').press('Enter');
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('from') === 'now-3h');
    expect(param('to')).toBe('now');
    const from = Date.parse((await page.locator('#range-from').inputValue()) + 'Z');
    expect(Math.abs(Date.now() - 3 * 3_600_000 - from)).toBeLessThan(120_000);

    await page.locator('#time-text').fill('2026-11-01 10:00 to 2026-11-01 12:00');
    await page.locator('#time-text').press('Enter');
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('from') === '2026-11-01 10:00');
    await page.getByRole('button', { name: 'Earlier' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2026-11-01T08:00:00');
    expect(param('to')).toBe('2026-11-01T10:00:00');
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2026-11-01T07:00:00');
    // A quick range fills the typed range and the absolute fields from it.
    await page.locator('#range').selectOption('6h');
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('range') === '6h');
    await expect(page.locator('#time-text').inputValue()).resolves.toBe('now-6h to now');
    const six = Date.parse((await page.locator('#range-from').inputValue()) + 'Z');
    expect(Math.abs(Date.now() - 6 * 3_600_000 - six)).toBeLessThan(120_000);
    await page.locator('#time-text').fill('yesterday-ish');
    await page.locator('#time-text').press('Enter');
    await page.locator('#time-error').waitFor({ state: 'visible' });
  });

  it('filters for, out and on presence from table cells, the level cell too', async () => {
    // The gateway's records all have an endpoint.
    await page.goto('/search?range=24h&q=service:api-gateway');
    await searched();
    const row = page.locator('#results-body tr[data-id]').first();
    await row.click();
    const level = (await row.locator('td[data-column="level"]').textContent())!;
    await row.locator('td[data-column="level"]').hover();
    await row.getByRole('button', { name: `Filter out level ${level}` }).click();
    await page.waitForFunction((l) => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('q') === `service:api-gateway -level:${l}`, level);
    expect(await page.locator('#results-body tr[data-id] td[data-column="level"]').allTextContents()).not.toContain(level);
    const next = page.locator('#results-body tr[data-id]').first();
    await next.click();
    await next.locator('td[data-column="endpoint"]').hover();
    await next.getByRole('button', { name: 'Only records with endpoint', exact: true }).click();
    await page.waitForFunction((l) => document.body.dataset.searching === 'false' && new URLSearchParams(location.search).get('q') === `service:api-gateway -level:${l} _exists_:endpoint`, level);
  });

  it('keeps the columns and rows per page of a saved search', async () => {
    await page.goto('/search?range=24h&q=service:auth&columns=@timestamp,fields.region,level,message&per_page=25');
    await searched();
    await page.locator('#save-search').click();
    await page.locator('#save-name').fill('Auth by region');
    await page.locator('#save-form button[type=submit]').click();
    await page.locator('#save-dialog').waitFor({ state: 'hidden' });
    await page.goto('/saved');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('button', { name: 'Apply Auth by region' }).click()]);
    await searched();
    expect(param('columns')).toBe('@timestamp,fields.region,level,message');
    expect(param('q')).toBe('service:auth');
    const headers = await page.locator('#results-head th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column));
    expect(headers).toEqual(['@timestamp', 'fields.region', 'level', 'message']);
    await expect(page.locator('#per-page').inputValue()).resolves.toBe('25');
    expect(await page.locator('#results-body tr[data-id]').count()).toBe(25);
  });

  it('suggests fields, operators and values, warns of an unknown field, and clears everything on a syntax error', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await page.waitForFunction(() => document.getElementById('histogram-info')!.textContent!.includes('per '));
    /** The suggestions for `typed`, once the list shows some (or after a pause, for none). */
    const suggestions = async (typed: string, some = true) => {
      await page.locator('#q').fill('');
      await page.waitForFunction(() => document.getElementById('suggestions')!.hidden);
      // One input event for the whole text: no suggestions of a shorter prefix on the way.
      await page.locator('#q').fill(typed);
      if (some) await page.waitForFunction(() => !document.getElementById('suggestions')!.hidden);
      else await page.waitForTimeout(800);
      return page.locator('#suggestions:not([hidden]) [role=option] span:first-child').allTextContents();
    };
    expect(await suggestions('ser')).toEqual(['service:', 'server:']);
    expect(await suggestions('reg')).toContain('region:');
    expect(await suggestions('service:pay')).toEqual(['payment']);
    expect(await suggestions('service:auth A')).toEqual(['AND']);
    // Words of messages are not field names.
    expect(await suggestions('Paym', false)).toEqual([]);
    // Accepting a field with the keyboard goes on to its values.
    await suggestions('lev');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('#q').inputValue()).resolves.toBe('level:');
    await page.waitForFunction(() => [...document.querySelectorAll('#suggestions:not([hidden]) [role=option] span:first-child')].some((n) => n.textContent === 'INFO'));
    expect(await page.locator('#suggestions [role=option] span:first-child').allTextContents()).toEqual(expect.arrayContaining(['INFO', 'ERROR']));

    await page.locator('#q').fill('nosuchfield:1 OR level:ERROR');
    await page.locator('#q').press('Enter');
    await searched();
    await page.locator('#query-warning').waitFor({ state: 'visible' });
    await expect(page.locator('#query-warning').textContent()).resolves.toBe('No record has the field nosuchfield.');
    expect(await page.locator('#results-body tr[data-id]').count()).toBeGreaterThan(0);

    // Two mistakes: the first one is reported, and nothing of the last search stays.
    await page.locator('#q').fill('level:(ERROR AND ) service:"unclosed');
    await page.locator('#q').press('Enter');
    await searched();
    await page.locator('#query-error').waitFor({ state: 'visible' });
    await expect(page.locator('#query-error strong').textContent()).resolves.toBe('Query syntax error: ');
    await expect(page.locator('#query-error pre').textContent()).resolves.toBe('level:(ERROR AND ) service:"unclosed\n' + ' '.repeat(17) + '^');
    expect(await page.locator('#results-body tr[data-id]').count()).toBe(0);
    await expect(page.locator('#pager').isVisible()).resolves.toBe(false);
    await expect(page.locator('#histogram-total').textContent()).resolves.toBe('–');
    await expect(page.locator('#result-count').textContent()).resolves.toBe('–');
    expect(await page.evaluate(() => (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: unknown[] } } } }).Chart.getChart(document.getElementById('histogram')!)!.data.datasets.length)).toBe(0);
    expect(await page.locator('#field-list li').count()).toBe(0);
  });

  it('keeps the open record in the URL, closes it when the query changes, and links to it', async () => {
    await page.goto('/search?range=24h');
    await searched();
    const row = page.locator('#results-body tr[data-id]').nth(2);
    const id = (await row.getAttribute('data-id'))!;
    await row.click();
    await page.locator('#detail').waitFor({ state: 'visible' });
    expect(param('open')).toBe(id);
    // The overlay does not squeeze the table.
    const table = await page.locator('.results-wrap').boundingBox();
    expect(table!.width).toBeGreaterThan(1000);
    await expect(page.locator('#detail-link').getAttribute('href')).resolves.toContain(`open=${id}`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#detail-copy').click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(page.url());
    // The single-record link finds that record alone, whatever the range.
    const single = new URL((await page.locator('#detail-link').getAttribute('href'))!);
    expect([single.searchParams.get('q'), single.searchParams.get('range')]).toEqual([`id:"${id}"`, 'all']);
    await b.screenshot(page, 'search-detail');
    await page.reload();
    await searched();
    await page.locator('#detail').waitFor({ state: 'visible' });
    await expect(page.locator('#detail-raw').textContent()).resolves.toContain(id);
    await page.locator('#detail-fields').getByRole('button', { name: 'Filter out this value: level' }).click();
    await page.locator('#detail').waitFor({ state: 'hidden' });
    expect(param('open')).toBeNull();
  });

  it('moves with j and k, opens with Enter, closes with Esc, focuses the query with / and shows help with ?', async () => {
    await page.goto('/search?range=24h');
    await searched();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const rows = page.locator('#results-body tr[data-id]');
    await expect(page.evaluate(() => document.activeElement!.getAttribute('data-id'))).resolves.toBe(await rows.nth(1).getAttribute('data-id'));
    await page.keyboard.press('k');
    await expect(page.evaluate(() => document.activeElement!.getAttribute('data-id'))).resolves.toBe(await rows.nth(0).getAttribute('data-id'));
    await page.keyboard.press('Enter');
    await page.locator('#detail').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#detail').waitFor({ state: 'hidden' });
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement!.id)).resolves.toBe('q');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.locator('#keys-dialog').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('shows 25 or more one-line rows at 1440x900 and switches the theme', async () => {
    await page.goto('/search?range=24h');
    await searched();
    const visible = await page.locator('#results-body tr[data-id]').evaluateAll((trs) => trs.filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }).length);
    await b.screenshot(page, 'search');
    expect(visible).toBeGreaterThanOrEqual(25);
    await page.locator('#theme-toggle').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await b.screenshot(page, 'search-dark');
    await page.locator('#theme-toggle').click();
    await page.locator('#theme-toggle').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBeUndefined();
  });
});
