/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('admin page: rate limits and retention (browser)', () => {
  let b: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    b = await startBrowserApp();
    await b.ingest([40, 20, 1].map((d, i) => JSON.stringify({ timestamp: new Date(Date.now() - d * DAY).toISOString(), message: `old ${i}` })).join('\n'));
    page = await b.signedIn();
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('shows the rate limit state and each tenant with records, oldest record and size', async () => {
    await page.goto('/settings/admin');
    // The test app runs with LOGNEST_RATE_LIMITS=off.
    await page.locator('#rl-summary', { hasText: 'Off' }).waitFor();
    const row = page.locator('#retention-body tr', { hasText: 'default' });
    await row.waitFor();
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('3');
    await expect(row.locator('td').nth(3).textContent()).resolves.toMatch(/\d/);
  });

  it('sets a retention period and applies it', async () => {
    const days = page.getByLabel('Retention days of default');
    await days.fill('30');
    await days.press('Tab');
    await page.locator('#toast', { hasText: 'default keeps 30 days' }).waitFor();
    await page.getByRole('button', { name: 'Apply retention now' }).click();
    await page.locator('#toast', { hasText: 'Removed 1 records' }).waitFor();
    await page.locator('#retention-body tr', { hasText: 'default' }).locator('td', { hasText: /^2$/ }).waitFor();
    const status = (await b.t.http.get('/api/admin/retention').set(b.t.auth).expect(200)).body.tenants[0];
    expect(status).toMatchObject({ id: 'default', retention_days: 30, records: 2 });
  });
});
