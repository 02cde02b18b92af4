/**
 * The national view in Chromium (JURISDICTION=vn): the country's tiles are its 34 provinces; choosing
 * one drills into its communes (the page then carries that province's communes and its figures), and
 * the path leads back to the country.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

describe('the national view in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer({ jurisdiction: 'vn' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the 34 provinces at country level, drills into Hà Nội’s communes on a click, and leads back', async () => {
    await page.goto(`${server.url}/?layout=tiles`);
    const crumbs = page.getByTestId('level-crumbs');
    await crumbs.getByText('Cả nước').waitFor({ timeout: 60_000 });
    await expect(crumbs.textContent()).resolves.toContain('34 Tỉnh/Thành phố');
    await page.getByTestId('map-unit-01').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^="map-unit-"]').count()).toBe(34);
    await screenshot(page, 'national-country');

    await page.getByTestId('map-unit-01').click();
    await page.waitForURL(/province=01/);
    await crumbs.getByText('Thành phố Hà Nội').waitFor({ timeout: 30_000 });
    const hanoi = server.runtime.jurisdiction.units.filter((u) => u.province === '01');
    await page.getByTestId(`map-unit-${hanoi[0].code}`).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^="map-unit-"]').count()).toBe(hanoi.length);
    await expect(crumbs.textContent()).resolves.toContain(`${hanoi.length} Xã/Phường`);
    await screenshot(page, 'national-hanoi');

    await crumbs.getByRole('link', { name: 'Cả nước' }).click();
    await page.getByTestId('map-unit-79').waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain('province=');
  }, 180_000);
});
