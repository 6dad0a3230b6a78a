import * as fs from 'node:fs';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../../support/test-app';

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', '..', 'docs', 'screenshots');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  /** Problems the pages reported: script errors and CSP violations. Tests expect none. */
  problems: string[];
  newPage(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<{ context: BrowserContext; page: Page }>;
  /** A page signed in as admin through the login form. */
  signedIn(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<Page>;
  ingest(ndjson: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserApp(options: { env?: Record<string, string> } = {}): Promise<BrowserApp> {
  const t = await startTestApp({ env: options.env });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  const newPage: BrowserApp['newPage'] = async (options = {}) => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
      colorScheme: options.colorScheme ?? 'light',
      acceptDownloads: true,
      timezoneId: 'UTC',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror ${page.url()}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`csp ${page.url()}: ${msg.text()}`);
    });
    return { context, page };
  };

  return {
    t, base, browser, problems, newPage,
    async signedIn(options) {
      const { page } = await newPage(options);
      await page.goto('/login');
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Sign in' }).click()]);
      return page;
    },
    async ingest(body) {
      await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    },
    async screenshot(page, name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}
