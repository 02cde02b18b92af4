/**
 * Data trust in Chromium: dossiers with due dates far beyond the legal time make ward 26740's data
 * doubtful; the "data trust" layer colours it so on the map and the tile cartogram, and the Data trust
 * page lists its flags with their evidence and a link to the dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MS_PER_DAY, MS_PER_HOUR, toVnIso } from '../../server/domain/time.js';
import { launchBrowser, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;
const WARD = '26740';

describe('data trust in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    const at = Date.now() - MS_PER_HOUR;
    // Twelve dossiers due in 40 days: a 3-working-day procedure allows a week at most.
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `dt-r-${i}`,
      type: 'received',
      dossierId: `DT-${i}`,
      at: toVnIso(at),
      unit: WARD,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
      channel: 'online',
      dueAt: toVnIso(at + 40 * MS_PER_DAY),
    }));
    const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
      body: JSON.stringify({ events }),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'the data-trust layer colours the map and the tiles by each unit’s figure',
    async () => {
      const summary = await server.api('/api/v1/data-trust?period=month');
      const ward = summary.figures.find((f: { code: string }) => f.code === WARD);
      expect(ward.trust).toBeLessThan(90);
      const trusted = summary.figures.find((f: { trust: number | null; kind: string }) => f.kind === 'unit' && f.trust === 100);
      expect(trusted).toBeDefined();
      for (const layout of ['geo', 'tiles']) {
        await page.goto(`${server.url}/?layout=${layout}&metric=dataTrust&period=month`);
        const unit = page.getByTestId(`map-unit-${WARD}`);
        await expect.poll(() => unit.getAttribute('data-level'), { timeout: 20_000 }).toBe('bad');
        await expect.poll(() => page.getByTestId(`map-unit-${trusted.code}`).getAttribute('data-level'), { timeout: 20_000 }).toBe('good');
        expect(await page.getByTestId('legend-definition').textContent()).toContain('Độ tin cậy dữ liệu');
      }
      await screenshot(page, 'data-trust-tiles');
    },
    SLOW,
  );

  it(
    'lists the ward’s flags with their evidence and a link to the dossier',
    async () => {
      await server.addUser('e2e-giamsat', 'supervisor');
      const login = await page.evaluate(async () => {
        const r = await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'e2e-giamsat', password: 'e2e password 79' }),
        });
        return r.status;
      });
      expect(login).toBe(200);
      await page.goto(`${server.url}/data-trust?period=month&unit=${WARD}&rule=due_beyond_legal`);
      const flags = page.getByTestId('dt-flag');
      await expect.poll(() => flags.count(), { timeout: 20_000 }).toBe(12);
      const first = flags.first();
      expect(await first.textContent()).toContain('Hạn xử lý dài hơn thời hạn luật định');
      expect(await first.locator('a[href^="/dossiers/DT-"]').count()).toBe(1);
      expect(await first.locator('[data-verdict="justified"]').count()).toBe(1);
      // The month is named by its days, the last one whole (not "until 01/01 00:00").
      expect(await page.getByTestId('dt-window').textContent()).toMatch(
        /^Tháng này: hồ sơ tiếp nhận từ ngày 01\/\d\d\/\d{4} đến hết ngày (28|29|30|31)\/\d\d\/\d{4}$/,
      );
      await screenshot(page, 'data-trust-page');
    },
    SLOW,
  );
});
