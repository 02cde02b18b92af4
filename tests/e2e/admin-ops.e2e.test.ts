/**
 * The administration's sources and audit tabs in Chromium: a source created in the browser shows its
 * key once (the key works, and is nowhere after the page is reloaded), is revoked after a confirmation
 * (its key refused); the audit log filtered to that action and today's Vietnam day lists the revoke,
 * and its CSV export is UTF-8 with a BOM; the filter stays in the URL. Screenshots at 1440 and 360 px.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';
import { vnDayKey } from '../../server/domain/time.js';

const SLOW = 90_000;
const NAME = 'e2e-ward-26740';

describe('admin sources and audit log in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let key = '';
  const ingestWith = (k: string) =>
    fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${k}` },
      body: JSON.stringify({ events: [] }),
    });

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-quantri', 'admin');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/admin/sources')}`);
    await page.getByTestId('login-page').waitFor({ timeout: 15_000 });
    await signInOnPage(page, 'e2e-quantri', E2E_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'creates a source and shows its key once: the key works, and is gone once closed and after a reload',
    async () => {
      await page.getByTestId('admin-sources').waitFor({ timeout: 20_000 });
      await page.getByTestId('source-add').click();
      await page.getByTestId('source-name').fill(NAME);
      await page.getByTestId('source-unit-search').fill('26740');
      await page
        .getByRole('button', { name: /^Thêm Phường/ })
        .first()
        .click();
      await page.getByTestId('source-submit').click();
      const secret = page.getByTestId('secret-value');
      await secret.waitFor({ timeout: 15_000 });
      key = (await secret.textContent()) ?? '';
      expect(key).toMatch(/^bdt_[A-Za-z0-9_-]{43}$/);
      expect(await page.getByTestId('secret-once').getByRole('alert').textContent()).toContain('chỉ hiện MỘT LẦN');
      expect((await ingestWith(key)).status).toBe(200);
      await page.getByTestId(`source-row-${NAME}`).waitFor();
      expect(await page.getByTestId(`source-row-${NAME}`).textContent()).toContain('26740');
      await screenshot(page, 'admin-sources-key-1440');
      await page.getByTestId('secret-done').click();
      expect(await page.getByTestId('secret-once').count()).toBe(0);
      await page.reload();
      await page.getByTestId(`source-row-${NAME}`).waitFor({ timeout: 20_000 });
      expect(await page.content()).not.toContain(key);
    },
    SLOW,
  );

  it(
    'revokes the source after a confirmation; its key is refused from then on',
    async () => {
      await page.getByTestId(`source-revoke-${NAME}`).click();
      expect(await page.getByRole('alertdialog').textContent()).toContain(`Thu hồi nguồn ${NAME}?`);
      await page.getByTestId(`source-revoke-${NAME}-yes`).click();
      await page.getByTestId('admin-message').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('admin-message').textContent()).toBe(`Đã thu hồi nguồn ${NAME}.`);
      await page.getByTestId(`source-row-${NAME}`).getByText('Đã thu hồi').waitFor({ timeout: 15_000 });
      expect((await ingestWith(key)).status).toBe(401);
      await page.setViewportSize({ width: 360, height: 800 });
      await screenshot(page, 'admin-sources-360');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1440, height: 1000 });
    },
    SLOW,
  );

  it(
    'filters the audit log to the revoke today (Vietnam day) and exports exactly that as CSV with a BOM',
    async () => {
      await page.getByTestId('admin-tab-audit').click();
      await page.getByTestId('audit-filters').waitFor({ timeout: 20_000 });
      const today = vnDayKey(Date.now());
      await page.getByTestId('audit-action').selectOption('source.revoked');
      await page.getByTestId('audit-from').fill(today);
      await page.getByTestId('audit-to').fill(today);
      await page.getByTestId('audit-apply').click();
      await page.getByTestId('audit-total').getByText('1 dòng khớp bộ lọc').waitFor({ timeout: 15_000 });
      const rows = page.getByTestId('audit-row');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(NAME);
      expect(await rows.first().textContent()).toContain('Thu hồi nguồn dữ liệu');
      await screenshot(page, 'admin-audit-1440');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('audit-export').click()]);
      expect(download.suggestedFilename()).toBe(`nhat-ky-thao-tac_source.revoked_${today}_${today}.csv`);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe('Thời điểm;Người thực hiện;Vai trò;Thao tác;Đối tượng;Kết quả;Địa chỉ IP;Chi tiết');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`;user:e2e-quantri;admin;source.revoked;${NAME};Thành công;`);
      await page.getByTestId('audit-export-message').getByText('Đã tải 1 dòng.').waitFor();
      // The filter is in the URL: a reload (or a link) shows the same rows.
      expect(new URL(page.url()).search).toContain(`action=source.revoked&from=${today}&to=${today}`);
      await page.reload();
      await page.getByTestId('audit-total').getByText('1 dòng khớp bộ lọc').waitFor({ timeout: 15_000 });
      // The action list loads beside the rows: the select shows the URL's action once its options are there.
      await expect.poll(() => page.getByTestId('audit-action').inputValue(), { timeout: 10_000 }).toBe('source.revoked');
      await page.setViewportSize({ width: 360, height: 800 });
      await screenshot(page, 'admin-audit-360');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    },
    SLOW,
  );
});
