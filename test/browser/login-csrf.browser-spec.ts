/// <reference lib="dom" />
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { USER_PASSWORD } from '../support/test-app';
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

/**
 * Issue 14, item 3 (login CSRF): a page on another site posts a form to /api/login with the
 * attacker's credentials. A signed-in admin who opens it must stay signed in as themselves.
 */
describe('login CSRF (browser)', () => {
  let b: BrowserApp;
  let evil: http.Server;
  let evilBase: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    await b.t.userIn('default', 'mallory', 'member');
    // "localhost" is another site than Lognest's "127.0.0.1": the browser says cross-site.
    evil = http.createServer((req, res) => {
      const action = req.url === '/logout' ? '/api/logout' : req.url === '/register' ? '/api/register' : '/api/login';
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><form id="f" method="post" action="${b.base}${action}">
        <input name="username" value="${req.url === '/register' ? 'forged-account' : 'mallory'}">
        <input name="password" value="${USER_PASSWORD}"></form>
        <script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, 'localhost', resolve));
    evilBase = `http://localhost:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => evil?.close(resolve));
    await b?.close();
  });

  const whoAmI = async (page: import('playwright-core').Page) => {
    const res = await page.request.get(`${b.base}/api/user/current`);
    return res.ok() ? ((await res.json()).user.username as string) : null;
  };

  it('a cross-site form post neither signs the admin in as the attacker nor out', async () => {
    const page = await b.signedIn();
    expect(await whoAmI(page)).toBe('admin');
    for (const path of ['/login', '/logout', '/register']) {
      await Promise.all([page.waitForURL((u) => u.href.startsWith(b.base)), page.goto(`${evilBase}${path}`)]);
      expect(await page.textContent('body')).toContain('csrf');
      expect(await whoAmI(page)).toBe('admin');
    }
    const anonymous = (await b.newPage()).page;
    await Promise.all([anonymous.waitForURL((u) => u.href.startsWith(b.base)), anonymous.goto(`${evilBase}/login`)]);
    expect(await whoAmI(anonymous)).toBeNull();
    await b.t.http.post('/api/auth/login').send({ username: 'forged-account', password: USER_PASSWORD }).expect(401);
  });

  it('the login form of Lognest itself still signs in', async () => {
    const page = await b.signedIn();
    expect(await whoAmI(page)).toBe('admin');
  });
});
