/**
 * The officials pages in Chromium: open /officials from the header, sort by hours held beyond the
 * allotted time (most first), open the first official, see the dossiers they hold with a bar of time
 * held against the allotted time; then the same at 360 px, with no sideways page scroll.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;

/** "1.234,5" (Vietnamese) as a number. */
const num = (s: string | null) => Number((s ?? '').trim().replace(/\./g, '').replace(',', '.'));

describe('officials pages in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-canbo', 'city_leader');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-page').waitFor({ timeout: 15_000 });
    await page.getByLabel('Tên đăng nhập').fill('e2e-canbo');
    await page.getByLabel('Mật khẩu').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('user-name').waitFor({ timeout: 15_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'sorts the officials by hours held beyond the allotted time and opens the first one’s holdings',
    async () => {
      await page.getByTestId('nav-officials').click();
      const table = page.getByTestId('officials-table');
      await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      const sorted = page.waitForResponse((r) => /\/api\/v1\/officials\?.*sort=beyondHours&dir=desc/.test(r.url()), { timeout: 30_000 });
      await table.getByRole('button', { name: /^Giờ giữ vượt thời hạn bước/ }).click();
      await sorted;
      await expect.poll(() => table.locator('th[aria-sort="descending"]').textContent(), { timeout: 10_000 }).toMatch(/Giờ giữ vượt/);
      // The column is the 7th: name, unit, overdue held, held now, steps, share, hours beyond.
      const hours = (await table.locator('tbody tr td:nth-child(7)').allTextContents()).map(num);
      expect(hours.length).toBeGreaterThan(1);
      expect(hours).toEqual([...hours].sort((a, b) => b - a));
      expect(hours[0]).toBeGreaterThan(0);
      await screenshot(page, 'officials-1440');

      const first = table.getByTestId('official-link').first();
      const name = (await first.textContent())!.trim();
      await first.click();
      await expect.poll(() => page.getByTestId('official-name').textContent(), { timeout: 30_000 }).toBe(name);
      const holdings = page.getByTestId('official-holdings');
      await holdings.waitFor({ timeout: 30_000 });
      const rows = holdings.locator('tbody tr[data-testid^="holding-row-"]');
      expect(await rows.count()).toBeGreaterThan(0);
      await expect.poll(() => rows.first().getByRole('img').getAttribute('aria-label')).toMatch(/^Đã giữ [\d.,]+ giờ/);
      // The page's figure is the list's: hours beyond allotted time, most first, so more than zero.
      expect(num(await page.getByTestId('official-kpi-beyondHours').locator('a').textContent())).toBeGreaterThan(0);
      await screenshot(page, 'official-1440');
    },
    SLOW,
  );

  it(
    'works at 360 px: no sideways page scroll, the table scrolls inside itself',
    async () => {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${server.url}/officials?sort=beyondHours&dir=desc`);
      await page.getByTestId('officials-table').locator('tbody tr').first().waitFor({ timeout: 30_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      const wrap = page.locator('.off-table .dt-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await screenshot(page, 'officials-360');
      await page.getByTestId('official-link').first().click();
      await page.getByTestId('official-holdings').waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await screenshot(page, 'official-360');
    },
    SLOW,
  );
});
