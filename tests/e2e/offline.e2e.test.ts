import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';
import { API_SNAPSHOT_CACHE } from '../../client/offline/snapshot-rules.js';

const SLOW = 90_000;

/** Waits until the service worker controls the page (it claims clients on activation). */
async function untilControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

/** The read-API paths kept in the page's snapshot cache. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => new URL(r.url).pathname + new URL(r.url).search);
  }, API_SNAPSHOT_CACHE);
}

describe('the app on a phone with no network', () => {
  let server: E2eServer;
  let browser: Browser;
  let port: number;

  /** Cuts the network for real: the server stops listening and drops every open connection. */
  async function dropNetwork(): Promise<void> {
    const { http, io } = server.runtime.app;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    // WebSockets are not HTTP connections: end them too, or the server never finishes closing.
    io.disconnectSockets(true);
    http.closeAllConnections();
    await closed;
  }
  async function restoreNetwork(): Promise<void> {
    await new Promise<void>((resolve) => server.runtime.app.http.listen(port, '127.0.0.1', resolve));
  }

  beforeAll(async () => {
    server = await startE2eServer();
    port = (server.runtime.app.http.address() as AddressInfo).port;
    await server.addUser('e2e-offline-leader', 'city_leader');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    return { context, page: await context.newPage() };
  }
  async function desktop(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    return { context, page: await context.newPage() };
  }

  it(
    'opens on the last snapshot with "Ngoại tuyến — dữ liệu lúc HH:MM dd/MM" and greyed figures, then goes live again by itself',
    async () => {
      const { context, page } = await phone();
      await page.goto(`${server.url}/`);
      await untilControlled(page);
      // A second load runs under the worker, which keeps what the overview asked for.
      await page.reload();
      await page.getByTestId('kpi-overdue-value').waitFor({ timeout: 30_000 });
      await expect.poll(() => cachedPaths(page), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/^\/api\/v1\/overview\?/));
      const liveOverdue = await page.getByTestId('kpi-overdue-value').textContent();

      await dropNetwork();
      await page.reload();
      const banner = page.getByTestId('offline-banner');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toMatch(/Ngoại tuyến — dữ liệu lúc \d{2}:\d{2} \d{2}\/\d{2}/);
      await page.getByTestId('kpi-overdue-value').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('kpi-overdue-value').textContent()).toMatch(/\d/);
      expect(liveOverdue).toMatch(/\d/);
      expect(await page.evaluate(() => document.documentElement.classList.contains('is-offline'))).toBe(true);
      // The header still says the connection is down.
      expect(await page.getByTestId('connection-status').getAttribute('data-status')).toBe('reconnecting');
      await screenshot(page, 'offline-phone-390');

      await restoreNetwork();
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.classList.contains('is-offline'))).toBe(false);
      await context.close();
    },
    SLOW,
  );

  it(
    'logout empties the snapshot: what a signed-in leader saw does not stay on the device, a visitor keeps only public aggregates',
    async () => {
      const { context, page } = await desktop();
      await page.goto(`${server.url}/login`);
      await untilControlled(page);
      await signInOnPage(page, 'e2e-offline-leader', E2E_PASSWORD);
      const { units } = await server.api<{ units: { code: string }[] }>('/api/v1/jurisdiction');
      await page.goto(`${server.url}/units/${units[0].code}`);
      await expect
        .poll(async () => (await cachedPaths(page)).filter((p) => p.includes('/dossiers') || p.includes('/officials')).length, {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);

      await page.getByTestId('logout').click();
      await page.getByTestId('login-link').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1_000);
      const kept = await cachedPaths(page);
      // Whatever is kept now was fetched as the public, and the public may fetch it.
      for (const path of kept) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status, `${path} is kept after logout but the public may not read it`).toBe(200);
      }
      expect(kept.some((p) => p.includes('/dossiers') || p.includes('/officials'))).toBe(false);
      await context.close();
    },
    SLOW,
  );
});
