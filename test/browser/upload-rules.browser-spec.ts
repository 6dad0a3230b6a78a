/// <reference lib="dom" />
import { BrowserApp, startBrowserApp } from './support/browser-app';

jest.setTimeout(120_000);

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const LOGCAT = [
  '--------- beginning of main',
  `03-17 16:13:40.120  2227  2227 E AndroidRuntime: FATAL EXCEPTION ${HOSTILE}`,
  '03-17 16:13:41.000   512   530 V AudioFlinger: browserword start',
  '03-17 16:13:42.555  1702  1702 W ActivityManager: browserword slow',
  '',
].join('\n');

describe('upload page: preview with parsing rules, duplicate warning (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(async () => {
    await b?.close();
  });
  afterEach(() => {
    expect(b.problems).toEqual([]);
  });

  it('previews the first lines as a table of fields, follows the chosen rule, shows a bad pattern’s position, then ingests', async () => {
    const page = await b.signedIn();
    await page.goto(`${b.base}/upload`);
    await page.waitForSelector('#named-formats option[value=logcat]', { state: 'attached' });
    await page.locator('#file-input').setInputFiles([{ name: 'phone.log', mimeType: 'text/plain', buffer: Buffer.from(LOGCAT) }]);
    // Detection first: the logcat lines have their timestamps read, the banner line has none.
    await page.waitForSelector('#preview-table tbody tr');
    await expect(page.textContent('#preview-summary')).resolves.toMatch(/4 records · 0 rejected · 3 with a timestamp/);

    await page.selectOption('#opt-format', 'logcat');
    await page.waitForFunction(() => /1 rejected/.test(document.getElementById('preview-summary')!.textContent ?? ''));
    const headers = await page.$$eval('#preview-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual(expect.arrayContaining(['line', '@timestamp', 'level', 'message', 'fields.pid', 'fields.tag']));
    const rows = await page.$$eval('#preview-table tbody tr', (trs) => trs.map((tr) => ({ kind: (tr as HTMLElement).dataset.kind, text: tr.textContent })));
    expect(rows[0]).toEqual({ kind: 'rejected', text: '1line does not match the parsing rule' });
    expect(rows[1].text).toContain(HOSTILE); // shown as text
    expect(rows.map((r) => r.kind)).toEqual(['rejected', 'record', 'record', 'record']);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    await page.selectOption('#opt-format', 'pattern');
    await expect(page.isVisible('#opt-pattern')).resolves.toBe(true);
    await page.fill('#opt-pattern', '%{LOGCAT_DATE:ts} (oops');
    await page.waitForFunction(() => /missing closing \).*position 18/.test(document.getElementById('preview-error')!.textContent ?? ''));
    await expect(page.isVisible('#preview-error')).resolves.toBe(true);
    await page.fill('#opt-pattern', '%{LOGCAT_DATE:ts} +%{INT:pid} +%{INT:tid} %{LETTERLEVEL:level} %{DATA:tag}: %{GREEDYDATA:message}');
    await page.fill('#opt-ts-format', 'MM-dd HH:mm:ss.SSS');
    await page.waitForSelector('#preview-error[hidden]', { state: 'attached' });
    await page.waitForFunction(() => document.querySelectorAll('#preview-table tbody tr[data-kind=record]').length === 3);
    await b.screenshot(page, 'upload-preview');

    await page.click('#ingest-btn');
    const item = page.locator('.upload-item[data-name="phone.log"]');
    await page.waitForSelector('.upload-item[data-name="phone.log"][data-status="completed"]', { timeout: 30_000 });
    await expect(item.textContent()).resolves.toMatch(/3 accepted · 1 rejected/);
  });

  it('asks before storing the same file twice, and stores it only when told to', async () => {
    const page = await b.signedIn();
    await page.goto(`${b.base}/upload`);
    const file = { name: 'again.log', mimeType: 'text/plain', buffer: Buffer.from('2026-11-20T05:00:00Z INFO againword hello\n') };
    await page.locator('#file-input').setInputFiles([file]);
    await page.click('#ingest-btn');
    await page.waitForSelector('.upload-item[data-name="again.log"][data-status="completed"]', { timeout: 30_000 });

    await page.locator('#file-input').setInputFiles([file]);
    await page.click('#ingest-btn');
    const duplicate = page.locator('.upload-item[data-name="again.log"][data-status="duplicate"]');
    await duplicate.waitFor();
    await expect(duplicate.textContent()).resolves.toMatch(/same content was uploaded as again\.log/);
    await duplicate.getByRole('button', { name: 'Skip' }).click();
    await page.waitForSelector('.upload-item[data-name="again.log"][data-status="skipped"]');

    await page.locator('#file-input').setInputFiles([file]);
    await page.click('#ingest-btn');
    await page.locator('.upload-item[data-name="again.log"][data-status="duplicate"]').getByRole('button', { name: 'Store it again' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.upload-item[data-name="again.log"][data-status="completed"]').length === 2, null, { timeout: 30_000 });
    const found = await b.t.http.post('/api/search').set(b.t.auth).send({ q: 'againword' }).expect(200);
    expect(found.body.total).toBe(2);
  });
});
