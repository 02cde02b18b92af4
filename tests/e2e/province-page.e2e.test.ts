/**
 * The national view's province level in Chromium (JURISDICTION=vn): a province's own page
 * (`/units/province:01`: its figures, its communes ranked, its late dossiers with holder and days overdue)
 * reached from the overview, up to a dossier with the crumbs Cả nước › Tỉnh › Xã › Hồ sơ; the Index page
 * ranking the 34 provinces at country level and a province's communes inside it; the header naming a
 * province leader's province. At 1440 px and on a 390 px phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSignedIn, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { receivedEvent } from '../helpers/test-server.js';

const BA_DINH = '00004'; // Phường Ba Đình, Hà Nội (01)
const NGOC_HA = '00008'; // Phường Ngọc Hà, Hà Nội
const SAI_GON = '26740'; // Phường Sài Gòn, Hồ Chí Minh City (79)
const SLOW = 180_000;

/** A dossier received on 16 Nov, due on the 18th (late by now), held by an official of its commune. */
function lateDossier(id: string, unit: string) {
  return [
    receivedEvent({ id: `r-${id}`, dossierId: id, unit, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
    {
      id: `a-${id}`,
      type: 'assigned',
      dossierId: id,
      at: '2026-11-16T08:30:00+07:00',
      handler: { id: `O-${id}`, name: `Cán bộ ${id}`, unit },
    },
  ];
}

describe('a province’s own page and the Index page’s provinces in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({ jurisdiction: 'vn' });
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
      body: JSON.stringify({
        events: [...lateDossier('PV-HN1', BA_DINH), ...lateDossier('PV-HN2', NGOC_HA), ...lateDossier('PV-HCM', SAI_GON)],
      }),
    });
    expect(res.status).toBe(200);
    await server.addUser('pv-country', 'city_leader');
    await server.addUser('pv-hanoi', 'city_leader', 'province:01');
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signedIn = (username: string, width: number, height: number): Promise<Page> =>
    openSignedIn(browser, server.url, username, { viewport: { width, height }, timeout: 60_000 });

  it(
    'the country’s leader opens Hà Nội’s page from the overview: its communes ranked, its late dossiers, then one up to the crumbs',
    async () => {
      const page = await signedIn('pv-country', 1440, 900);
      await expect(page.getByTestId('user-role').textContent()).resolves.toBe('Lãnh đạo (cả nước)');
      await page.goto(`${server.url}/?province=01`);
      await page.getByTestId('province-page-link').click();
      await page.waitForURL(/\/units\/province(:|%3A)01/);
      await page.getByRole('heading', { level: 1, name: 'Thành phố Hà Nội' }).waitFor({ timeout: 60_000 });
      const communes = page.getByTestId('province-communes');
      await communes.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      // The two communes with a late dossier rank first; Sài Gòn is not Hà Nội's.
      const firstTwo = await communes.locator('tbody tr th').evaluateAll((ths) => ths.slice(0, 2).map((th) => th.textContent));
      expect(firstTwo.sort()).toEqual(['Phường Ba Đình', 'Phường Ngọc Hà']);
      await expect(communes.textContent()).resolves.not.toContain('Sài Gòn');
      await communes.scrollIntoViewIfNeeded();
      await screenshot(page, 'province-page-1440');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('level-crumbs').waitFor();
      await screenshot(page, 'province-page-top-1440');

      const row = page.getByTestId('dossier-row-PV-HN2');
      await row.waitFor({ timeout: 30_000 });
      await expect(row.textContent()).resolves.toContain('Cán bộ PV-HN2');
      expect(await page.getByTestId('dossier-row-PV-HN1').count()).toBe(1);
      expect(await page.getByTestId('dossier-row-PV-HCM').count()).toBe(0);
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, 'province-page-lists-1440');

      await row.getByRole('link', { name: 'PV-HN2' }).click();
      await page.waitForURL(/\/dossiers\/PV-HN2/);
      await page.getByTestId('dossier-page').waitFor({ timeout: 30_000 });
      const crumbs = page.getByTestId('level-crumbs');
      await crumbs.getByText('Hồ sơ PV-HN2').waitFor({ timeout: 30_000 });
      expect(await crumbs.locator('li').allTextContents()).toEqual(['Cả nước', 'Thành phố Hà Nội', 'Phường Ngọc Hà', 'Hồ sơ PV-HN2']);
      await crumbs.getByRole('link', { name: 'Thành phố Hà Nội' }).click();
      await page.waitForURL(/\/units\/province(:|%3A)01/);
      await page.close();
    },
    SLOW,
  );

  it(
    'the Index page ranks the 34 provinces at country level and Hà Nội’s communes inside it',
    async () => {
      const page = await signedIn('pv-country', 1440, 900);
      await page.goto(`${server.url}/index`);
      const provinces = page.getByTestId('si-provinces');
      await provinces.locator('tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await provinces.locator('tbody tr').count()).toBe(34);
      expect(await page.getByTestId('si-units').count()).toBe(0);
      await expect(page.getByTestId('si-detail').textContent()).resolves.toContain('Chọn một tỉnh, thành phố');
      // The map column holds the 34 provinces by grade (not an empty column); a province's tile drills into it.
      await page.getByTestId('si-layout-switch').locator('[data-layout="tiles"]').click();
      const tiles = page.locator('.si-map [data-testid^="map-unit-"]');
      await tiles.first().waitFor({ timeout: 30_000 });
      expect(await tiles.count()).toBe(34);
      await screenshot(page, 'index-provinces-1440');
      await page.locator('.si-map [data-testid="map-unit-01"]').click();
      await page.waitForURL(/province=01/);
      await page.locator('.si-map [data-testid="map-unit-00004"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('si-level-crumbs').getByRole('button', { name: 'Cả nước' }).click();
      await tiles.nth(33).waitFor({ timeout: 30_000 });

      await provinces.locator('tr[data-code="01"]').getByRole('button').click();
      await page.waitForURL(/province=01/);
      const communes = page.getByTestId('si-units');
      await communes.locator('tbody tr').first().waitFor({ timeout: 60_000 });
      const hanoi = server.runtime.jurisdiction.units.filter((u) => u.province === '01').length;
      expect(await communes.locator('tbody tr').count()).toBe(hanoi);
      await expect(page.getByTestId('si-province').textContent()).resolves.toContain('Thành phố Hà Nội');
      await screenshot(page, 'index-province-communes-1440');
      await page.getByTestId('si-level-crumbs').getByRole('button', { name: 'Cả nước' }).click();
      await provinces.locator('tbody tr').first().waitFor({ timeout: 60_000 });
      await page.close();
    },
    SLOW,
  );

  it(
    'on a 390 px phone: Hà Nội’s leader sees its province named in the header, its page and the provinces’ ranking',
    async () => {
      const page = await signedIn('pv-hanoi', 390, 844);
      await expect(page.getByTestId('user-role').textContent()).resolves.toBe('Lãnh đạo Thành phố Hà Nội');
      await page.goto(`${server.url}/units/province:01`);
      await page.getByTestId('province-communes').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      await page.getByTestId('dossier-row-PV-HN1').waitFor({ timeout: 30_000 });
      await screenshot(page, 'province-page-390');
      await page.getByTestId('province-communes').scrollIntoViewIfNeeded();
      await screenshot(page, 'province-page-communes-390');
      await page.goto(`${server.url}/units/province:79`);
      await page.getByTestId('unit-lists-refused').waitFor({ timeout: 30_000 });

      await page.goto(`${server.url}/index`);
      await page.getByTestId('si-provinces').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'index-provinces-390');
      await page.getByTestId('si-provinces').scrollIntoViewIfNeeded();
      await screenshot(page, 'index-provinces-table-390');
      await page.close();
    },
    SLOW,
  );
});
