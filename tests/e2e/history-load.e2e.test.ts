/**
 * A history load seen in Chromium: while `npm run import -- --history` sends batches (here the same
 * requests, every 400 ms), the overview's header and the wall say "Đang nạp lịch sử — số liệu đang
 * được cập nhật" with the source; once the load ended and its events are projected, both banners go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 120_000;

/** Sends history batches of a few `received` events until stopped (the load ends 3 s after the last). */
function importer(server: E2eServer) {
  let n = 0;
  const at = new Date(Date.now() - 40 * 86_400_000).toISOString();
  const send = async () => {
    const events = Array.from({ length: 5 }, () => {
      n++;
      return {
        id: `hist-${n}`,
        type: 'received',
        dossierId: `HIST-${n}`,
        at,
        unit: '26740',
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
        channel: 'online',
      };
    });
    await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}`, 'x-ingest-mode': 'history' },
      body: JSON.stringify({ events }),
    });
  };
  const timer = setInterval(() => void send(), 400);
  return { first: send(), stop: () => clearInterval(timer) };
}

describe('a history load in the browser', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    server.runtime.store.sources.update('e2e-dossiers', { historyLoad: true });
    await server.addUser('e2e-leader', 'city_leader');
    browser = await launchBrowser();
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'the overview header and the wall say the history is loading, and stop saying it once it is over',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${server.url}/login`);
      await signInOnPage(page, 'e2e-leader', E2E_PASSWORD);
      const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await wall.goto(`${server.url}/wall?scenes=map`);

      const load = importer(server);
      await load.first;
      const banner = page.getByTestId('history-load-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.textContent()).toContain('Đang nạp lịch sử — số liệu đang được cập nhật');
      expect(await page.getByTestId('history-load-detail').textContent()).toMatch(/^Nguồn: e2e-dossiers · đã nhận [\d.]+ sự kiện/);
      const wallBanner = wall.getByTestId('history-load-banner');
      await wallBanner.waitFor({ timeout: 20_000 });
      expect(await wallBanner.textContent()).toContain('Đang nạp lịch sử');
      await screenshot(page, 'history-load-overview-1440');
      await screenshot(wall, 'history-load-wall-1920');

      load.stop();
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      await wallBanner.waitFor({ state: 'detached', timeout: 30_000 });
      expect(server.runtime.historyLoad.status().active).toBe(false);
    },
    SLOW,
  );
});
