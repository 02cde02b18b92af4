/**
 * Users bound to a province in Chromium (JURISDICTION=vn): Hà Nội's leader signs in to Hà Nội's
 * communes, opens the lists of one of them, and is refused another province's commune lists and
 * dossier with a message on screen; the country's leader drills country → province → commune →
 * dossier. At 1440 px and on a 390 px phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSignedIn, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { receivedEvent } from '../helpers/test-server.js';

const BA_DINH = '00004'; // Phường Ba Đình, Hà Nội (01)
const SAI_GON = '26740'; // Phường Sài Gòn, Hồ Chí Minh City (79)
const SLOW = 180_000;

describe('a province’s leader and the country’s leader in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let hanoiCount: number;

  beforeAll(async () => {
    server = await startE2eServer({ jurisdiction: 'vn' });
    browser = await launchBrowser();
    // Two overdue dossiers the tests open: one in Hà Nội, one in Hồ Chí Minh City.
    const events = [
      receivedEvent({
        id: 'e2e-hn',
        dossierId: 'E2E-HN',
        unit: BA_DINH,
        at: '2026-11-20T08:00:00+07:00',
        dueAt: '2026-11-25T17:00:00+07:00',
      }),
      receivedEvent({
        id: 'e2e-hcm',
        dossierId: 'E2E-HCM',
        unit: SAI_GON,
        at: '2026-11-20T08:00:00+07:00',
        dueAt: '2026-11-25T17:00:00+07:00',
      }),
    ];
    const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    await server.addUser('hanoi-leader', 'city_leader', 'province:01');
    await server.addUser('country-leader', 'city_leader');
    hanoiCount = server.runtime.jurisdiction.units.filter((u) => u.province === '01').length;
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signedIn = (username: string, width: number, height: number): Promise<Page> =>
    openSignedIn(browser, server.url, username, { viewport: { width, height }, timeout: 60_000 });

  it(
    'Hà Nội’s leader lands on Hà Nội’s communes, lists Ba Đình’s dossiers, and is refused Sài Gòn’s lists and dossier',
    async () => {
      const page = await signedIn('hanoi-leader', 1440, 900);
      await page.waitForURL(/province=01/, { timeout: 30_000 });
      const crumbs = page.getByTestId('level-crumbs');
      await crumbs.getByText('Thành phố Hà Nội').waitFor({ timeout: 60_000 });
      await page.getByTestId(`map-unit-${BA_DINH}`).waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid^="map-unit-"]').count()).toBe(hanoiCount);
      await screenshot(page, 'province-user-home-1440');

      await page.goto(`${server.url}/units/${BA_DINH}`);
      await page.getByTestId('dossier-row-E2E-HN').waitFor({ timeout: 30_000 });
      await screenshot(page, 'province-user-own-commune-1440');

      await page.goto(`${server.url}/units/${SAI_GON}`);
      const refused = page.getByTestId('unit-lists-refused');
      await refused.waitFor({ timeout: 30_000 });
      await expect(refused.textContent()).resolves.toContain('không được phân quyền');
      expect(await page.getByTestId('dossier-row-E2E-HCM').count()).toBe(0);
      await refused.scrollIntoViewIfNeeded();
      await screenshot(page, 'province-user-other-province-1440');

      await page.goto(`${server.url}/dossiers/E2E-HCM`);
      await page.getByTestId('dossier-not-found').waitFor({ timeout: 30_000 });
      await screenshot(page, 'province-user-other-dossier-1440');
      await page.close();
    },
    SLOW,
  );

  it(
    'on a 390 px phone Hà Nội’s leader lands on Hà Nội and is refused Sài Gòn’s lists',
    async () => {
      const page = await signedIn('hanoi-leader', 390, 844);
      await page.waitForURL(/province=01/, { timeout: 30_000 });
      await page.getByTestId('level-crumbs').getByText('Thành phố Hà Nội').waitFor({ timeout: 60_000 });
      await screenshot(page, 'province-user-home-390');
      await page.goto(`${server.url}/units/${SAI_GON}`);
      const refused = page.getByTestId('unit-lists-refused');
      await refused.waitFor({ timeout: 30_000 });
      await refused.scrollIntoViewIfNeeded();
      await screenshot(page, 'province-user-other-province-390');
      await page.close();
    },
    SLOW,
  );

  it(
    'the country’s leader drills country → Hà Nội → Ba Đình → its dossier',
    async () => {
      const page = await signedIn('country-leader', 1440, 900);
      await page.goto(`${server.url}/?layout=tiles`);
      await page.getByTestId('map-unit-01').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid^="map-unit-"]').count()).toBe(34);
      await page.getByTestId('map-unit-01').click();
      await page.waitForURL(/province=01/);
      await page.getByTestId(`map-unit-${BA_DINH}`).click();
      await page.waitForURL(new RegExp(`/units/${BA_DINH}`));
      await page.getByTestId('dossier-row-E2E-HN').getByRole('link', { name: 'E2E-HN' }).click();
      await page.waitForURL(/\/dossiers\/E2E-HN/);
      await page.getByTestId('dossier-page').waitFor({ timeout: 30_000 });
      await screenshot(page, 'country-leader-dossier-1440');
      await page.close();
    },
    SLOW,
  );
});
