/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { USER_PASSWORD } from '../support/test-app';
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

type Spied = Window & { __notes: Array<{ title: string; body: string }>; __beeps: number; __pwned?: number };

/**
 * Desktop notifications and sound are browser APIs a headless run cannot observe: stand-ins
 * record what the page asked for. The user has opted in on the Live page (localStorage).
 */
function spyOnNotifications() {
  const w = window as unknown as Spied;
  w.__notes = [];
  w.__beeps = 0;
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title: string, options: { body: string }) {
      w.__notes.push({ title, body: options.body });
    }
  }
  const node = () => ({ connect: () => node(), frequency: {}, gain: {}, start: () => w.__beeps++, stop: () => undefined });
  class FakeAudio {
    currentTime = 0;
    destination = {};
    createOscillator = node;
    createGain = node;
    close = () => undefined;
  }
  Object.assign(window, { Notification: FakeNotification, AudioContext: FakeAudio });
  localStorage.setItem('lognest.live.notify', '1');
}

describe('alert notifications on every page (browser)', () => {
  let b: BrowserApp;
  let mine: Page;
  let stranger: Page;

  const evaluate = () => b.t.app.get(AlertEvaluationRunner).evaluateTenant('default');
  const spied = (page: Page) => page.evaluate(() => ({ notes: (window as unknown as Spied).__notes, beeps: (window as unknown as Spied).__beeps }));

  beforeAll(async () => {
    b = await startBrowserApp({ env: { LOGNEST_ALERT_DELAY: '0s' } });
    await b.t.userIn('acme', 'abe', 'admin');
    mine = await b.signedIn();
    const other = await b.newPage();
    stranger = other.page;
    await stranger.goto('/login');
    await stranger.getByLabel('Username').fill('abe');
    await stranger.getByLabel('Password').fill(USER_PASSWORD);
    await Promise.all([stranger.waitForURL((u) => u.pathname === '/'), stranger.getByRole('button', { name: 'Sign in' }).click()]);
    for (const page of [mine, stranger]) {
      await page.addInitScript(spyOnNotifications);
      await page.goto('/search');
      await page.waitForFunction(() => Boolean((window as unknown as { LognestAlertNotifications?: { socket: { connected: boolean } } }).LognestAlertNotifications?.socket.connected));
    }
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('shows a fired alert as a toast on the tenant’s open pages, with a Notification and a sound, as text', async () => {
    const api = b.t.http;
    const channel = (await api.post('/api/alerts/channels').set(b.t.auth).send({ name: 'screens', type: 'browser' }).expect(201)).body.channel;
    await api.post('/api/alerts/rules').set(b.t.auth).send({
      name: 'Checkout <img src=x onerror="window.__pwned=1">', query: 'checkout', severity: 'critical', channels: [channel.id],
      condition: { operator: '>', threshold: 2, window: '5m' },
    }).expect(201);
    await b.ingest(Array.from({ length: 4 }, (_, i) => JSON.stringify({ timestamp: new Date(Date.now() - 10_000 + i).toISOString(), level: 'error', message: 'checkout failed' })).join('\n'));
    await evaluate();

    const toast = mine.locator('#alert-toasts .alert-toast');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toContain('Firing: Checkout <img src=x onerror="window.__pwned=1">');
    await expect(toast.getAttribute('class')).resolves.toContain('sev-critical');
    expect(await mine.locator('#alert-toasts img').count()).toBe(0);
    expect(await mine.evaluate(() => (window as unknown as Spied).__pwned)).toBeUndefined();
    expect(await spied(mine)).toEqual({ notes: [{ title: 'Firing: Checkout <img src=x onerror="window.__pwned=1">', body: '4 > 2 (critical)' }], beeps: 1 });
    await b.screenshot(mine, 'alert-toast');

    // The other tenant's page heard nothing.
    await mine.waitForTimeout(500);
    expect(await stranger.locator('#alert-toasts .alert-toast').count()).toBe(0);
    expect(await spied(stranger)).toEqual({ notes: [], beeps: 0 });

    // "Open" leads to the alert on the alerts page.
    await toast.getByRole('link', { name: 'Open' }).click();
    await mine.waitForURL((u) => u.pathname === '/alerts' && u.searchParams.has('alert'));
    await mine.locator('#triggered-body tr.row-focus[data-state="firing"]').waitFor();
  });
});
