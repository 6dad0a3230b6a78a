/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(180_000);

const XSS = '<img src=x onerror=window.__xss=1>';

describe('custom dashboards (browser)', () => {
  let b: BrowserApp;
  let page: Page;
  let dashboardId: string;

  const widgetIds = () => page.locator('#grid .widget').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.type));
  const loaded = async () => {
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    await page.waitForFunction(() => [...document.querySelectorAll('#grid .widget-body')].every((n) => (n as HTMLElement).dataset.points !== undefined));
  };

  beforeAll(async () => {
    b = await startBrowserApp();
    const now = Date.now();
    const records = Array.from({ length: 30 }, (_, i) => ({
      timestamp: new Date(now - 120_000 - i * 5_000).toISOString(),
      level: i % 5 === 0 ? 'error' : 'info',
      message: i === 0 ? XSS : `checkout step ${i}`,
      service: i % 3 === 0 ? 'payment' : 'web',
      endpoint: '/checkout',
      response_time_ms: 20 + i,
    }));
    await b.ingest(records.map((r) => JSON.stringify(r)).join('\n'));
    page = await b.signedIn();
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('adds a search to a new dashboard from the search page', async () => {
    await page.goto('/search?q=checkout&range=1h');
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    await page.getByRole('button', { name: 'Add to dashboard' }).click();
    await page.locator('#atd-dashboard').selectOption('');
    await page.locator('#atd-name').fill('Checkout <script>window.__xss=1</script>');
    await page.locator('#atd-type').selectOption('count_over_time');
    await page.locator('#atd-title').fill('Checkout volume');
    await Promise.all([page.waitForURL(/\/dashboards\/[^/?]+/), page.getByRole('button', { name: 'Add and open' }).click()]);
    dashboardId = new URL(page.url()).pathname.split('/').pop()!;
    await loaded();
    await expect(page.locator('#dash-name').textContent()).resolves.toBe('Checkout <script>window.__xss=1</script>');
    await expect(page.locator('#range').inputValue()).resolves.toBe('1h');
    const volume = page.locator('#grid .widget', { hasText: 'Checkout volume' });
    await expect(volume.locator('.widget-body').getAttribute('data-points')).resolves.toBe('29');
  });

  it('edits the grid: adds widgets with a preview, refuses a bad query, moves, resizes, removes and saves', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const add = async (fill: () => Promise<void>) => {
      await page.getByRole('button', { name: 'Add widget' }).click();
      await fill();
      await page.waitForFunction(() => document.querySelector('#wf-preview')!.getAttribute('data-points') !== null);
      await page.locator('#wf-submit').click();
      await page.locator('#widget-dialog').waitFor({ state: 'hidden' });
    };
    await add(async () => {
      await page.locator('#wf-type').selectOption('top_values');
      await page.locator('#wf-field').fill('service');
      await page.locator('#wf-title').fill('Services');
    });
    await add(async () => {
      await page.locator('#wf-type').selectOption('number');
      await page.locator('#wf-query').fill('level:ERROR');
      await page.locator('#wf-title').fill('Errors');
    });
    await add(async () => {
      await page.locator('#wf-type').selectOption('latest_records');
      await page.locator('#wf-limit').fill('5');
      await page.locator('#wf-title').fill('Latest');
    });
    await add(async () => {
      await page.locator('#wf-type').selectOption('pie');
      await page.locator('#wf-field').fill('level');
      await page.locator('#wf-title').fill('Levels');
    });
    expect(await widgetIds()).toEqual(['count_over_time', 'top_values', 'number', 'latest_records', 'pie']);
    await expect(page.locator('.widget', { hasText: 'Errors' }).locator('.stat-value').textContent()).resolves.toBe('6');

    // A query that does not parse stays in the dialog, with the error and where it is.
    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.locator('#wf-query').fill('level:(ERROR');
    await page.locator('#wf-submit').click();
    await page.locator('#wf-error').waitFor();
    await expect(page.locator('#wf-error').textContent()).resolves.toMatch(/query/);
    await page.locator('#wf-cancel').click();
    expect(await widgetIds()).toHaveLength(5);

    await page.getByRole('button', { name: 'Move earlier Errors' }).click();
    await page.getByRole('button', { name: 'Move earlier Errors' }).click();
    await page.getByRole('button', { name: 'Wider Errors' }).click();
    await page.getByRole('button', { name: 'Taller Services' }).click();
    await page.getByRole('button', { name: 'Remove Levels' }).click();
    expect(await widgetIds()).toEqual(['number', 'count_over_time', 'top_values', 'latest_records']);
    await expect(page.locator('.widget', { hasText: 'Errors' }).getAttribute('class')).resolves.toContain('w-4');

    // Dragging a widget by its title onto another takes that one's place (both in view).
    await page.setViewportSize({ width: 1440, height: 1600 });
    await page.locator('.widget', { hasText: 'Latest' }).locator('.panel-head h2').dragTo(page.locator('.widget', { hasText: 'Errors' }));
    expect(await widgetIds()).toEqual(['latest_records', 'number', 'count_over_time', 'top_values']);
    // Dragging the corner handle resizes in grid cells.
    const handle = page.locator('.widget', { hasText: 'Services' }).locator('.resize-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const grid = (await page.locator('#grid').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(grid.x + grid.width - 2, box.y + 5, { steps: 5 });
    await page.mouse.up();
    await expect(page.locator('.widget', { hasText: 'Services' }).getAttribute('class')).resolves.toMatch(/\bw-(7|8|9|1[0-2])\b/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await b.screenshot(page, 'dashboards-editor');

    await page.getByRole('button', { name: 'Save dashboard' }).click();
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    const saved = await b.t.http.get(`/api/dashboards/${dashboardId}`).set(b.t.auth).expect(200);
    expect(saved.body.dashboard.widgets.map((w: { title: string }) => w.title)).toEqual(['Latest', 'Errors', 'Checkout volume', 'Services']);
    expect(saved.body.dashboard.widgets[1]).toMatchObject({ type: 'number', stat: 'count', query: 'level:ERROR', width: 4 });
    expect(saved.body.dashboard.widgets[3]).toMatchObject({ type: 'top_values', field: 'service', height: 3 });
    expect(saved.body.dashboard.version).toBe(2);
  });

  it('draws saved widgets after a reload, keeps log content inert, and shares the time range in the URL', async () => {
    await page.reload();
    await loaded();
    expect(await widgetIds()).toEqual(['latest_records', 'number', 'count_over_time', 'top_values']);
    const latest = page.locator('.widget', { hasText: 'Latest' });
    expect(await latest.locator('tbody tr').count()).toBe(5);
    await expect(latest.locator('tbody tr').first().locator('td.msg').textContent()).resolves.toBe(XSS);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // Records are 2 to 5 minutes old: the last 15 minutes show them; the URL carries the range.
    await page.locator('#range').selectOption('15m');
    await page.waitForURL(/range=15m/);
    await page.waitForFunction(() => document.querySelector('.widget[data-type="number"] .stat-value')?.textContent === '6');
    await page.locator('#refresh').selectOption('10s');
    await page.waitForURL(/refresh=10s/);
    const shared = page.url();
    const other = await b.newPage();
    await other.page.goto('/login');
    await other.page.getByLabel('Username').fill('admin');
    await other.page.getByLabel('Password').fill('admin-password-1');
    await Promise.all([other.page.waitForURL((u) => u.pathname === '/'), other.page.getByRole('button', { name: 'Sign in' }).click()]);
    await other.page.goto(shared);
    await other.page.waitForFunction(() => document.body.dataset.loaded === 'true');
    await expect(other.page.locator('#range').inputValue()).resolves.toBe('15m');
    await expect(other.page.locator('#refresh').inputValue()).resolves.toBe('10s');
    await b.screenshot(page, 'dashboard-custom');

    // A dashboard-wide filter narrows every widget and goes into the link.
    await page.locator('#dash-q').fill('service:payment');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/q=service%3Apayment/);
    // Errors are records 0, 5, 10, 15, 20, 25; of those only 0 and 15 are payment's.
    await page.waitForFunction(() => document.querySelector('.widget[data-type="number"] .stat-value')?.textContent === '2');
    await page.waitForFunction(() => document.querySelector('.widget[data-type="top_values"] .widget-body')?.getAttribute('data-points') === '1');
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.widget[data-type="top_values"] .widget-body')?.getAttribute('data-points') === '2');

    // Clicking a bar of top values opens those records on the search page.
    const canvas = page.locator('.widget[data-type="top_values"] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const at = await canvas.evaluate((c) => {
      const chart = (window as unknown as { Chart: { getChart(c: Element): { getDatasetMeta(i: number): { data: { x: number; y: number }[] }; data: { labels: string[] } } } }).Chart.getChart(c)!;
      const bar = chart.getDatasetMeta(0).data[0];
      return { x: bar.x - 20, y: bar.y, label: chart.data.labels[0] };
    });
    await Promise.all([page.waitForURL(/\/search\?/), canvas.click({ position: { x: at.x, y: at.y } })]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(`service:${at.label}`);
  });

  it('lists the dashboard, opens it and deletes it', async () => {
    await page.goto('/dashboards');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    const row = page.locator('#dashboards-body tr', { hasText: 'Checkout <script>' });
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('4');
    await b.screenshot(page, 'dashboards');
    page.once('dialog', (d) => d.accept());
    await row.getByRole('button', { name: /^Delete / }).click();
    await page.locator('#dashboards-body td.empty').waitFor();
    await b.t.http.get(`/api/dashboards/${dashboardId}`).set(b.t.auth).expect(404);
  });
});
