/// <reference lib="dom" />
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

const MIN = 60_000;

/** Ninety minutes of steady traffic of two services, with a volume spike of auth 20 minutes ago. */
function traffic(now: number): string {
  const end = Math.floor(now / MIN) * MIN;
  const lines: string[] = [];
  for (let m = 90; m >= 1; m--) {
    const at = end - m * MIN;
    for (const service of ['auth', 'orders']) {
      const n = service === 'auth' && m === 20 ? 200 : 20 + (m % 4);
      for (let i = 0; i < n; i++) {
        lines.push(JSON.stringify({ timestamp: new Date(at + i * 100).toISOString(), service, level: 'info', message: `<img src=x onerror=alert(1)> request ${i}`, response_time_ms: 100 + (i % 9) }));
      }
    }
  }
  return lines.join('\n');
}

describe('anomaly panel and /anomalies page (browser)', () => {
  let b: BrowserApp;
  const spikeAt = Math.floor(Date.now() / MIN) * MIN - 20 * MIN;

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

  it('draws the series with its band, marks the spike, and a click on it opens the search of those minutes', async () => {
    const page = await b.signedIn();
    await page.waitForSelector('#anomaly-panel[data-loaded="true"]');
    await page.selectOption('#anomaly-service', 'auth');
    await page.waitForSelector('#anomaly-panel[data-shown="log_volume auth 60"]');
    const card = page.locator('#anomaly-cards .anomaly-card');
    await expect(card.count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toMatch(/critical.*log_volume spike: 200\.00.*auth/);
    const chart = await page.evaluate(() => {
      const c = (window as unknown as { Chart: { getChart(e: Element): any } }).Chart.getChart(document.getElementById('chart-anomaly')!); // eslint-disable-line @typescript-eslint/no-explicit-any
      const marked = c.data.datasets[4].data.map((v: number | null, i: number) => [v, i]).filter(([v]: [number | null]) => v !== null);
      const upper = c.data.datasets[0].data as number[];
      const point = c.getDatasetMeta(4).data[marked[0][1]];
      return { points: c.data.labels.length, marked: marked.length, value: marked[0][0], upperAtSpike: upper[marked[0][1]], x: point.x, y: point.y };
    });
    expect(chart).toMatchObject({ points: 60, marked: 1, value: 200 });
    expect(chart.upperAtSpike).toBeLessThan(200);
    await b.screenshot(page, 'anomaly-panel');
    const box = await page.locator('#chart-anomaly').boundingBox();
    await Promise.all([page.waitForURL(/\/search\?/), page.mouse.click(box!.x + chart.x, box!.y + chart.y)]);
    const url = new URL(page.url());
    expect(url.searchParams.get('service')).toBe('auth');
    expect(url.searchParams.get('range')).toBe('custom');
    expect(Date.parse(url.searchParams.get('from')! + 'Z')).toBe(spikeAt);
    expect(Date.parse((await page.locator('#range-from').inputValue()) + 'Z')).toBe(spikeAt);
  });

  it('lists the report with filters, and links each anomaly to its search', async () => {
    const page = await b.signedIn();
    await page.goto('/anomalies?window_minutes=60&method=robust_zscore');
    await page.waitForSelector('body[data-loaded="true"]');
    const rows = page.locator('#anomaly-body tr[data-severity]');
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(1);
    const auth = page.locator('#anomaly-body tr[data-metric="log_volume"]', { hasText: 'auth' });
    await expect(auth.count()).resolves.toBe(1);
    await expect(auth.textContent()).resolves.toMatch(/spike.*critical.*200/);
    await page.selectOption('#f-service', 'orders');
    await page.selectOption('#f-metric', 'log_volume');
    await page.evaluate(() => { document.body.dataset.loaded = ''; });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForSelector('body[data-loaded="true"]');
    await expect(page.locator('#anomaly-body').textContent()).resolves.toContain('No anomalies match.');
    expect(new URL(page.url()).searchParams.get('service')).toBe('orders');
    await page.goto('/anomalies?window_minutes=60&method=robust_zscore&service=auth&metric=log_volume');
    await page.waitForSelector('body[data-loaded="true"]');
    await b.screenshot(page, 'anomalies');
    const link = page.locator('#anomaly-body tr[data-metric="log_volume"] a', { hasText: 'Search' });
    await Promise.all([page.waitForURL(/\/search\?/), link.click()]);
    expect(new URL(page.url()).searchParams.get('service')).toBe('auth');
  });
});
