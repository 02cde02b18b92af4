import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { toVnIso } from '../../server/domain/time.js';
import { launchBrowser, screenshot } from './browser.js';
import { LATE_SOURCE, SILENT_SOURCE, startWallE2eServer, type WallE2eServer } from './wall-server.js';

const SLOW = 90_000;
const SCENE_SECONDS = 4;

/** Attributes of the wall's root element. */
async function wallState(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="wall"]');
    return { scene: el?.getAttribute('data-scene') ?? null, freshness: el?.getAttribute('data-freshness') ?? null };
  });
}

async function waitLive(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="wall"]')?.getAttribute('data-freshness') === 'live', null, {
    timeout,
  });
}

describe('the wall display in Chromium', () => {
  let server: WallE2eServer;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    server = await startWallE2eServer({ build: 'e2e-wall-1' });
    token = server.addDisplay('e2e-wall', 'city');
    server.addPreset('e2e', ['map', 'ranking', 'feed', 'kpi', 'departments'], SCENE_SECONDS);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'renders /wall from a preset, keeps the token out of the address bar, and rotates its scenes',
    async () => {
      await page.goto(`${server.url}/wall?preset=e2e&token=${token}`);
      await page.getByTestId('wall').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
      expect(new URL(page.url()).searchParams.get('preset')).toBe('e2e');
      expect(await page.evaluate(() => localStorage.getItem('bdtt.displayToken'))).toBe(token);
      await waitLive(page);
      await expect
        .poll(() => page.getByTestId('wall-as-of').textContent(), { timeout: 10_000 })
        .toMatch(/^Cập nhật lúc \d{2}:\d{2}:\d{2}$/);

      const seen = new Set<string>();
      const t0 = Date.now();
      while (seen.size < 3 && Date.now() - t0 < 4 * SCENE_SECONDS * 1000) {
        const { scene } = await wallState(page);
        if (scene) seen.add(scene);
        await page.waitForTimeout(500);
      }
      expect([...seen].length).toBeGreaterThanOrEqual(3);
      expect(['map', 'ranking', 'feed', 'kpi', 'departments']).toEqual(expect.arrayContaining([...seen]));

      // Nothing needs a mouse or scrolls; no cursor over it.
      const layout = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
        cursor: getComputedStyle(document.querySelector('.wall__stage')!).cursor,
        overflow: getComputedStyle(document.body).overflow,
      }));
      expect(layout).toEqual({ scrollW: 1920, scrollH: 1080, cursor: 'none', overflow: 'hidden' });
    },
    SLOW,
  );

  it(
    'names a source that has gone silent',
    async () => {
      const silent = page.getByTestId('wall-sources-silent');
      await expect.poll(() => silent.textContent(), { timeout: 10_000 }).toContain(SILENT_SOURCE);
      expect(await silent.textContent()).toContain('Nguồn dữ liệu chưa cập nhật:');
      // The status bar counts the sources and names the exceptions with their state, silent ones first.
      const bar = page.getByTestId('wall-sources');
      expect(await bar.locator('li').first().getAttribute('data-state')).toBe('silent');
      expect(await bar.textContent()).toContain(`${SILENT_SOURCE} — Chưa cập nhật`);
    },
    SLOW,
  );

  it(
    'names a late source on the status bar after the count of live sources, with nothing cut at 1920 and 3840 px',
    async () => {
      const bar = page.getByTestId('wall-sources');
      await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain(`${LATE_SOURCE} — Chậm`);
      expect(await page.getByTestId('wall-sources-count').textContent()).toMatch(/^⚠ \d+\/\d+ trực tiếp$/);
      expect(await bar.locator(`[data-source="${LATE_SOURCE}"]`).getAttribute('data-state')).toBe('late');
      // A live source is counted, not named: the bar does not grow with the city's sources.
      expect(await bar.textContent()).not.toContain('demo-simulator');
      for (const [width, height] of [
        [1920, 1080],
        [3840, 2160],
      ] as const) {
        await page.setViewportSize({ width, height });
        await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain(`${LATE_SOURCE} — Chậm`);
        // Every item of the bar is drawn whole inside the screen: none is clipped or runs past the edge.
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll('.wall-sources__label, .wall-sources__item, .wall-sources__more')]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return el.scrollWidth > Math.ceil(r.width) || r.right > window.innerWidth || r.bottom > window.innerHeight;
            })
            .map((el) => el.textContent),
        );
        expect(cut).toEqual([]);
        await screenshot(page, `wall-sources-${width}x${height}`);
      }
      await page.setViewportSize({ width: 1920, height: 1080 });
    },
    SLOW,
  );

  it(
    'pulses the tile of a unit whose dossier becomes overdue and shows it in the feed',
    async () => {
      await page.goto(`${server.url}/wall?scenes=map`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid^="map-unit-"]').length >= 168, null, { timeout: 30_000 });
      await waitLive(page);
      const code = '26740';
      const now = Date.now();
      const id = `E2E-WALL-${now}`;
      const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
        body: JSON.stringify({
          events: [
            {
              id: `e2e-wall-${now}`,
              type: 'received',
              dossierId: id,
              at: toVnIso(now - 3_600_000),
              unit: code,
              procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 1 },
              channel: 'in_person',
              // Due in 2 s: the server's scheduler raises `alert:raised` when it passes.
              dueAt: toVnIso(now + 2_000),
            },
          ],
        }),
      });
      expect((await res.json()).results[0].status).toBe('accepted');
      const tile = page.getByTestId(`map-unit-${code}`);
      await expect.poll(() => tile.getAttribute('class'), { timeout: 10_000 }).toContain('unit-pulse');
      const item = page.locator(`[data-testid="wall-alerts"] li[data-id="${id}"]`);
      await item.waitFor({ timeout: 5_000 });
      await page.waitForTimeout(300); // mid-pulse, for the screenshot
      expect(await item.getAttribute('data-unit')).toBe(code);
      await screenshot(page, 'wall-map-1920x1080');
    },
    SLOW,
  );

  it(
    'takes screenshots of every scene at 1920×1080',
    async () => {
      for (const scene of ['ranking', 'feed', 'kpi', 'departments']) {
        await page.goto(`${server.url}/wall?scenes=${scene}`);
        await page.getByTestId(`wall-scene-${scene}`).waitFor({ timeout: 30_000 });
        await waitLive(page);
        if (scene === 'ranking') await expect.poll(() => page.locator('[data-testid^="wall-rank-"]').count(), { timeout: 10_000 }).toBe(10);
        if (scene === 'departments')
          await expect.poll(() => page.locator('[data-testid^="wall-dept-"]').count(), { timeout: 10_000 }).toBe(18);
        // A freshly opened wall fills its feed with what became overdue most recently.
        if (scene === 'feed')
          await expect.poll(() => page.locator('[data-testid="wall-alerts"] li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await screenshot(page, `wall-${scene}-1920x1080`);
      }
    },
    SLOW,
  );

  it(
    'scales to 3840×2160 and to a portrait 9:16 screen',
    async () => {
      const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
      const tall = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      try {
        for (const [p, name] of [
          [big, '3840x2160'],
          [tall, 'portrait-1080x1920'],
        ] as const) {
          for (const scene of ['map', 'kpi']) {
            await p.goto(`${server.url}/wall?scenes=${scene}`);
            await p.getByTestId(`wall-scene-${scene}`).waitFor({ timeout: 30_000 });
            await waitLive(p);
            if (scene === 'map') await p.waitForFunction(() => document.querySelectorAll('[data-testid^="map-unit-"]').length >= 168);
            await screenshot(p, `wall-${scene}-${name}`);
          }
        }
        // Type scales with the screen: twice the pixels, twice the font size.
        const fontPx = (p: Page) => p.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.wall')!).fontSize));
        expect(await fontPx(big)).toBeCloseTo(54, 0);
        expect(await fontPx(page)).toBeCloseTo(27, 0);
        const sizes = await big.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
        expect(sizes).toEqual({ w: 3840, h: 2160 });
      } finally {
        await big.close();
        await tall.close();
      }
    },
    SLOW,
  );

  it(
    'shows the stale banner within 20 s of the server stopping, keeping the last numbers greyed',
    async () => {
      await page.goto(`${server.url}/wall?scenes=kpi`);
      await page.getByTestId('wall-scene-kpi').waitFor({ timeout: 30_000 });
      await waitLive(page);
      await page.evaluate(() => {
        (window as unknown as { __wallMarker: string }).__wallMarker = 'no-reload';
      });
      await expect.poll(() => page.getByTestId('wall-kpi-inProgress-value').textContent(), { timeout: 10_000 }).toMatch(/\d/);
      const before = await page.getByTestId('wall-kpi-inProgress-value').textContent();
      const lastTick = await page.getByTestId('wall-as-of').getAttribute('data-as-of');

      await server.stop();
      const t0 = Date.now();
      const banner = page.getByTestId('wall-stale-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(Date.now() - t0).toBeLessThan(20_000);
      const hm = new Date(Date.parse(lastTick!) + 7 * 3_600_000).toISOString().slice(11, 16);
      expect(await banner.textContent()).toContain(`Mất kết nối — dữ liệu lúc ${hm}`);
      expect((await wallState(page)).freshness).toBe('stale');
      // The last good numbers stay on screen, greyed.
      expect(await page.getByTestId('wall-kpi-inProgress-value').textContent()).toBe(before);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.wall__stage')!).filter)).toContain('grayscale');
      // The sources bar no longer vouches for what it cannot know.
      const bar = await page.getByTestId('wall-sources').textContent();
      expect(bar).toMatch(/\d+ nguồn — Không rõ \(mất kết nối\)/);
      expect(bar).not.toMatch(/Trực tiếp|trực tiếp|Chậm|Chưa cập nhật/);
      expect(bar).not.toContain(SILENT_SOURCE);
      await screenshot(page, 'wall-stale-1920x1080');
    },
    SLOW,
  );

  it(
    'clears the banner within 20 s of the server starting again on the same port and database, without a reload',
    async () => {
      await server.start();
      const t0 = Date.now();
      await waitLive(page, 20_000);
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(await page.getByTestId('wall-stale-banner').count()).toBe(0);
      expect(await page.getByTestId('wall-sources').textContent()).not.toContain('Không rõ');
      expect(await page.evaluate(() => (window as unknown as { __wallMarker?: string }).__wallMarker)).toBe('no-reload');
      // Resubscribed from a fresh snapshot: numbers and clock move again.
      await expect.poll(() => page.getByTestId('wall-kpi-inProgress-value').textContent(), { timeout: 10_000 }).toMatch(/\d/);
      const tick1 = await page.getByTestId('wall-as-of').getAttribute('data-as-of');
      await expect.poll(() => page.getByTestId('wall-as-of').getAttribute('data-as-of'), { timeout: 5_000 }).not.toBe(tick1);
    },
    SLOW,
  );

  it(
    'reloads itself when the server comes back with a new build',
    async () => {
      await server.stop();
      await server.start({ build: 'e2e-wall-2' });
      await page.waitForFunction(() => (window as unknown as { __wallMarker?: string }).__wallMarker === undefined, null, {
        timeout: 30_000,
      });
      await page.getByTestId('wall').waitFor({ timeout: 30_000 });
      await waitLive(page);
      // The token came from localStorage: it is not in the address bar.
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    },
    SLOW,
  );

  it(
    'shows a unit display only its unit',
    async () => {
      const unitToken = server.addDisplay('e2e-ward', 'unit:26740');
      const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        const p = await ctx.newPage();
        await p.goto(`${server.url}/wall?token=${unitToken}&scenes=map,kpi,feed&interval=3`);
        await p.getByTestId('wall').waitFor({ timeout: 30_000 });
        await waitLive(p);
        expect(await p.getByTestId('wall').getAttribute('data-scope')).toBe('unit:26740');
        const scenes = new Set<string>();
        for (let i = 0; i < 14; i++) {
          scenes.add((await p.getByTestId('wall').getAttribute('data-scene')) ?? '');
          await p.waitForTimeout(500);
        }
        expect([...scenes].sort()).toEqual(['feed', 'kpi']);
      } finally {
        await ctx.close();
      }
    },
    SLOW,
  );

  it(
    'gives a wall without a token the public scope: live figures, and alerts without the official’s name',
    async () => {
      const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        const anon = await ctx.newPage();
        await anon.goto(`${server.url}/wall?scenes=feed`);
        await anon.getByTestId('wall-scene-feed').waitFor({ timeout: 30_000 });
        await waitLive(anon);
        // The display with its token, side by side.
        await page.goto(`${server.url}/wall?scenes=feed`);
        await page.getByTestId('wall-scene-feed').waitFor({ timeout: 30_000 });
        await waitLive(page);
        const now = Date.now();
        const id = `E2E-PUBLIC-${now}`;
        const holder = 'Cán Bộ Kiểm Thử';
        const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
          body: JSON.stringify({
            events: [
              {
                id: `e2e-pub-${now}`,
                type: 'received',
                dossierId: id,
                at: toVnIso(now - 3_600_000),
                unit: '26740',
                procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 1 },
                channel: 'online',
                dueAt: toVnIso(now + 2_000),
              },
              {
                id: `e2e-pub-${now}-a`,
                type: 'assigned',
                dossierId: id,
                at: toVnIso(now - 3_000_000),
                handler: { id: 'e2e-cb', name: holder, unit: '26740' },
              },
            ],
          }),
        });
        expect((await res.json()).accepted).toBe(2);
        const publicItem = anon.locator(`[data-testid="wall-alerts"] li[data-id="${id}"]`);
        const displayItem = page.locator(`[data-testid="wall-alerts"] li[data-id="${id}"]`);
        await publicItem.waitFor({ timeout: 10_000 });
        await displayItem.waitFor({ timeout: 10_000 });
        expect(await displayItem.textContent()).toContain(holder);
        expect(await publicItem.textContent()).not.toContain(holder);
        expect(await anon.getByTestId('wall').getAttribute('data-scope')).toBe('city');
        await screenshot(anon, 'wall-public-feed-1920x1080');
      } finally {
        await ctx.close();
      }
    },
    SLOW,
  );

  it(
    'says the token is invalid, full screen, once the display is revoked',
    async () => {
      server.runtime().store.displays.revoke('e2e-wall', Date.now());
      const message = page.getByTestId('wall-invalid-token');
      await message.waitFor({ timeout: 10_000 });
      const text = await message.textContent();
      expect(text).toContain('Mã màn hình không hợp lệ');
      expect(text).toContain('npm run display:add');
      await screenshot(page, 'wall-invalid-token-1920x1080');
    },
    SLOW,
  );
});
