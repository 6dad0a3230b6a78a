/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { Page } from 'playwright-core';
import { ndjson } from '../support/test-app';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { sampleLogs, toNdjson } from './support/sample-logs';

jest.setTimeout(120_000);

describe('pages (browser)', () => {
  let b: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    b = await startBrowserApp();
    await b.ingest(toNdjson(sampleLogs(4000)));
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('sends a signed-out visitor to /login and back to the page after signing in through the form', async () => {
    const { page: p } = await b.newPage();
    page = p;
    await page.goto('/search?q=timeout&range=7d');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/search?q=timeout&range=7d');
    await b.screenshot(page, 'login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/wrong|invalid/i);
    await page.getByLabel('Password').fill('admin-password-1');
    await Promise.all([page.waitForURL(/\/search\?q=timeout/), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(page.locator('#q').inputValue()).resolves.toBe('timeout');
    await expect(page.locator('#range').inputValue()).resolves.toBe('7d');
  });

  it('ignores a next parameter that leaves the site', async () => {
    const { page: p } = await b.newPage();
    await p.goto('/login?next=//evil.example/x');
    await p.getByLabel('Username').fill('admin');
    await p.getByLabel('Password').fill('admin-password-1');
    await Promise.all([p.waitForURL((u) => u.pathname === '/'), p.getByRole('button', { name: 'Sign in' }).click()]);
    expect(new URL(p.url()).host).toBe(new URL(b.base).host);
  });

  it('uploads several files and shows each one progressing to completed', async () => {
    await page.goto('/upload');
    await page.getByLabel('Service label').fill('uploaded-svc');
    const good = ndjson(1500, 'uploadword');
    const bad = `${ndjson(20, 'halfgood')}\n{not json\n`;
    await page.locator('#file-input').setInputFiles([
      { name: 'app.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) },
      { name: 'partly-bad.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) },
    ]);
    // The first file's lines are previewed before anything is stored.
    await page.waitForSelector('#preview-table tbody tr');
    await page.getByRole('button', { name: 'Ingest 2 files' }).click();
    const item = page.locator('.upload-item[data-name="app.ndjson"]');
    await item.locator('[data-status="completed"], .badge-ok').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction(() => document.querySelectorAll('.upload-item[data-status="completed"]').length === 2, null, { timeout: 30_000 });
    await expect(item.locator('.detail-line').first().textContent()).resolves.toContain('1,500 accepted');
    await expect(item.locator('progress').evaluate((n: HTMLProgressElement) => n.value)).resolves.toBe(100);
    const partly = page.locator('.upload-item[data-name="partly-bad.ndjson"]');
    await expect(partly.textContent()).resolves.toMatch(/1 rejected[\s\S]*line 21/);
    await b.screenshot(page, 'upload');

    await page.goto('/files');
    await page.waitForSelector('body[data-loaded="true"]');
    const rows = page.locator('#files-body tr[data-file-id]');
    await expect(rows.count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Errors' }).click();
    await expect(page.locator('#files-body tr:not([hidden]) .error-lines').textContent()).resolves.toContain('line 21');
    await b.screenshot(page, 'files');

    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Delete partly-bad.ndjson' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#files-body tr[data-file-id]').length === 1);
  });

  it('searches with filters, keeps the search in the URL, and shows a syntax error near the query bar', async () => {
    await page.goto('/search');
    await page.locator('#q').fill('timeout');
    await page.getByRole('checkbox', { name: 'ERROR' }).check({ force: true });
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && location.search.includes('level=ERROR'));
    await page.getByLabel('Service', { exact: true }).fill('payment');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && location.search.includes('service=payment'));
    const levels = await page.locator('#results-body tr[data-id] td:nth-child(2)').allTextContents();
    const services = await page.locator('#results-body tr[data-id] td:nth-child(3)').allTextContents();
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['ERROR']));
    expect(new Set(services)).toEqual(new Set(['payment']));
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('timeout');

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    await expect(page.locator('#q').inputValue()).resolves.toBe('timeout');
    await expect(page.getByRole('checkbox', { name: 'ERROR' }).isChecked()).resolves.toBe(true);
    await expect(page.locator('#results-body tr[data-id]').count()).resolves.toBe(levels.length);

    await page.locator('#q').fill('level:(ERROR OR');
    await page.locator('#q').press('Enter');
    await page.locator('#query-error').waitFor({ state: 'visible' });
    await expect(page.locator('#query-error').textContent()).resolves.toMatch(/syntax/i);
    await expect(page.locator('#q').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('pages through results and changes the page size', async () => {
    await page.goto('/search?range=all&per_page=25');
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    await expect(page.locator('#results-body tr[data-id]').count()).resolves.toBe(25);
    const first = await page.locator('#results-body tr[data-id]').first().getAttribute('data-id');
    await page.getByRole('button', { name: 'Next ›' }).click();
    await page.waitForFunction(() => document.body.dataset.searching === 'false' && location.search.includes('page=2'));
    expect(await page.locator('#results-body tr[data-id]').first().getAttribute('data-id')).not.toBe(first);
    await expect(page.locator('#page-info').textContent()).resolves.toMatch(/^Page 2 of/);
  });

  it('opens a detail panel with every field, raw JSON and surrounding logs, and links to the trace', async () => {
    await page.goto('/search?range=24h&q=' + encodeURIComponent('service:payment'));
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    const row = page.locator('#results-body tr[data-id]').first();
    const id = await row.getAttribute('data-id');
    await row.click();
    const panel = page.locator('#detail');
    await panel.waitFor({ state: 'visible' });
    await expect(panel.locator('#detail-fields').textContent()).resolves.toContain('correlation_id');
    await expect(panel.locator('#detail-fields').textContent()).resolves.toContain('fields.region');
    const raw = JSON.parse((await panel.locator('#detail-raw').textContent())!);
    expect(raw.id).toBe(id);
    await page.waitForSelector('#detail-context li.current');
    await expect(page.locator('#detail-context li').count()).resolves.toBeGreaterThan(5);
    await b.screenshot(page, 'search-detail');

    const correlation = raw.correlation_id as string;
    await Promise.all([page.waitForURL(/\/trace\//), panel.getByRole('link', { name: 'View trace' }).click()]);
    await page.waitForSelector('body[data-loaded="true"]');
    const expected = await b.t.http.post('/api/search').set(b.t.auth).send({ q: `correlation_id:"${correlation}"` }).expect(200);
    await expect(page.locator('#trace-count').textContent()).resolves.toBe(String(expected.body.total));
    await expect(page.locator('#timeline .msg').count()).resolves.toBe(expected.body.total);
    await b.screenshot(page, 'trace');
  });

  it('saves a search and re-applies it from the saved list', async () => {
    await page.goto('/search?q=' + encodeURIComponent('status_code:>=500') + '&range=7d&level=ERROR,CRITICAL');
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    const total = await page.locator('#result-count').textContent();
    await page.getByRole('button', { name: 'Save search' }).click();
    await page.getByLabel('Name').fill('Server errors this week');
    await page.getByLabel('Description').fill('5xx answers');
    await page.locator('#save-form').getByRole('button', { name: 'Save' }).click();
    await page.locator('#save-dialog').waitFor({ state: 'hidden' });

    await page.goto('/saved');
    await page.waitForSelector('body[data-loaded="true"]');
    const row = page.locator('#saved-body tr', { hasText: 'Server errors this week' });
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('0');
    await b.screenshot(page, 'saved');
    await Promise.all([page.waitForURL(/\/search\?/), row.getByRole('button', { name: 'Apply Server errors this week' }).click()]);
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    await expect(page.locator('#q').inputValue()).resolves.toBe('status_code:>=500');
    await expect(page.locator('#range').inputValue()).resolves.toBe('7d');
    await expect(page.locator('#result-count').textContent()).resolves.toBe(total);

    await page.goto('/saved');
    await page.waitForSelector('body[data-loaded="true"]');
    await expect(page.locator('#saved-body tr', { hasText: 'Server errors this week' }).locator('td').nth(2).textContent()).resolves.toBe('1');

    await page.goto('/history');
    await page.waitForSelector('body[data-loaded="true"]');
    await expect(page.locator('#recent-body').textContent()).resolves.toContain('status_code:>=500');
    await b.screenshot(page, 'history');
  });

  it('exports the current search as CSV, gzipped CSV and NDJSON', async () => {
    await page.goto('/search?range=all&q=uploadword&level=ERROR');
    await page.waitForFunction(() => document.body.dataset.searching === 'false');
    const download = async (label: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label, exact: true }).click()]);
      return { name: d.suggestedFilename(), body: fs.readFileSync((await d.path())!) };
    };
    const csv = await download('CSV');
    const lines = csv.body.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/timestamp/);
    expect(lines).toHaveLength(1 + 150);
    expect(lines.slice(1).every((l) => l.includes('ERROR') && l.includes('uploadword'))).toBe(true);

    const gz = await download('CSV.gz');
    expect(gz.name).toMatch(/\.gz$/);
    expect(zlib.gunzipSync(gz.body).toString('utf8').trim().split(/\r?\n/)).toHaveLength(151);

    const nd = await download('NDJSON');
    const records = nd.body.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(150);
    expect(records.every((r) => r.level === 'ERROR')).toBe(true);
  });

  it('draws the dashboard charts with data and pauses auto-refresh', async () => {
    await page.goto('/');
    await page.waitForSelector('body[data-loaded="true"]');
    const charts = await page.evaluate(() => {
      const all = (window as unknown as { LognestDashboard: { charts: Record<string, { data: { datasets: { data: number[] }[] } }> } }).LognestDashboard.charts;
      return Object.fromEntries(Object.entries(all).map(([id, c]) => [id, c.data.datasets[0].data.reduce((a, n) => a + Number(n), 0)]));
    });
    expect(Object.keys(charts).sort()).toEqual(['chart-endpoints', 'chart-error-rate', 'chart-levels', 'chart-per-hour', 'chart-services', 'chart-status']);
    for (const [, sum] of Object.entries(charts)) expect(sum).toBeGreaterThan(0);
    const painted = await page.evaluate(() => {
      const c = document.getElementById('chart-per-hour') as HTMLCanvasElement;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    await expect(page.locator('#stat-total').textContent()).resolves.toBe('5,500');
    // Seed 004's cards, with their trends.
    await expect(page.locator('#stat-active-services').textContent()).resolves.toMatch(/^\d+$/);
    await expect(page.locator('#stat-per-minute-trend').textContent()).resolves.toMatch(/vs prev\. hour|none the hour before/);
    await expect(page.locator('#stat-hour-error-trend').textContent()).resolves.toMatch(/vs prev\. hour|none the hour before/);
    await page.locator('#range').selectOption('1h');
    await page.waitForFunction(() => location.search.includes('range=1h'));
    await page.locator('#range').selectOption('24h');
    await page.getByRole('button', { name: 'Auto-refresh: on' }).click();
    await expect(page.locator('#refresh-toggle').getAttribute('aria-pressed')).resolves.toBe('false');
    await page.getByRole('button', { name: 'Auto-refresh: paused' }).click();
    await page.waitForTimeout(300);
    await b.screenshot(page, 'dashboard');
  });

  it('shows the dashboard in dark mode when the OS asks for it', async () => {
    const dark = await b.signedIn({ colorScheme: 'dark' });
    await dark.waitForSelector('body[data-loaded="true"]');
    const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(15, 19, 24)');
    await dark.waitForTimeout(300);
    await b.screenshot(dark, 'dashboard-dark');
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await page.goto('/settings');
    await page.waitForSelector('body[data-loaded="true"]');
    await page.getByLabel('Name', { exact: true }).fill('ci-shipper');
    await page.getByLabel('Scope').selectOption('ingest');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#token-secret').waitFor({ state: 'visible' });
    const secret = (await page.locator('#token-secret-value').textContent())!;
    expect(secret.length).toBeGreaterThan(20);
    await b.t.http.post('/api/logs/bulk').set({ Authorization: `Bearer ${secret}` }).set('Content-Type', 'application/x-ndjson').send(ndjson(1, 'tokenword')).expect(200);
    await page.locator('#tokens-body tr', { hasText: 'ci-shipper' }).waitFor();
    await b.screenshot(page, 'settings');
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Revoke ci-shipper' }).click();
    await page.locator('#tokens-body tr', { hasText: 'ci-shipper' }).waitFor({ state: 'detached' });
    await b.t.http.post('/api/logs/bulk').set({ Authorization: `Bearer ${secret}` }).set('Content-Type', 'application/x-ndjson').send(ndjson(1, 'tokenword')).expect(401);
  });

  it('lets an admin manage users, and keeps non-admins out of the admin page', async () => {
    await page.goto('/settings/admin');
    await page.waitForSelector('body[data-loaded="true"]');
    await page.locator('#users-body tr', { hasText: 'admin' }).first().waitFor();
    await page.getByLabel('Username').fill('viewer1');
    await page.getByLabel('Password').fill('viewer-password-1');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Add user' }).click();
    // Match the username cell exactly: the admin's row reads "…viewer" + "1 s ago" as text.
    await page.locator('#users-body tr', { has: page.locator('td', { hasText: /^viewer1$/ }) }).waitFor();
    await b.screenshot(page, 'admin');

    const { page: viewer } = await b.newPage();
    await viewer.goto('/login');
    await viewer.getByLabel('Username').fill('viewer1');
    await viewer.getByLabel('Password').fill('viewer-password-1');
    await Promise.all([viewer.waitForURL((u) => u.pathname === '/'), viewer.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(viewer.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    const res = await viewer.goto('/settings/admin');
    expect(res!.status()).toBe(403);
  });
});
