import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

interface Misfit {
  where: string;
  text: string;
  why: string;
}

/**
 * Text of the KPI tiles and department names that does not fit: wider than its box (cut off or
 * ellipsised), or outside the tile that clips it. Hidden elements (display: none) are skipped.
 */
async function misfits(page: Page): Promise<Misfit[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string; why: string }[] = [];
    const shown = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).display !== 'none';
    const check = (el: Element, clip: Element, where: string) => {
      if (!shown(el)) return;
      const text = (el.textContent ?? '').trim();
      if (el.scrollWidth > el.clientWidth) out.push({ where, text, why: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
      if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible')
        out.push({ where, text, why: `scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}` });
      if (getComputedStyle(el).textOverflow === 'ellipsis' && getComputedStyle(el).whiteSpace === 'nowrap')
        out.push({ where, text, why: 'ellipsis' });
      const r = el.getBoundingClientRect();
      const c = clip.getBoundingClientRect();
      if (r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.top < c.top - 0.5)
        out.push({
          where,
          text,
          why: `outside its tile (${Math.round(r.right)},${Math.round(r.bottom)} vs ${Math.round(c.right)},${Math.round(c.bottom)})`,
        });
    };
    for (const tile of document.querySelectorAll('.kpi')) {
      const name = tile.getAttribute('data-testid') ?? 'kpi';
      if (tile.scrollHeight > tile.clientHeight + 1)
        out.push({ where: name, text: '', why: `tile content ${tile.scrollHeight} > ${tile.clientHeight}` });
      for (const part of tile.querySelectorAll('.kpi__label, .kpi__hint, .kpi__value, .kpi__change'))
        check(part, tile, `${name} ${part.className}`);
    }
    for (const link of document.querySelectorAll('.rank-list__link[data-testid^="department-"]')) {
      const name = link.querySelector('.rank-list__name');
      if (name) check(name, link, link.getAttribute('data-testid')!);
    }
    return out;
  });
}

describe('overview text fits its boxes in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const vp of VIEWPORTS) {
      it(
        `shows every KPI label and department name whole in ${lang} at ${vp.width}×${vp.height}`,
        async () => {
          const page = await browser.newPage({ viewport: vp });
          try {
            await page.goto(`${server.url}/?lang=${lang}&layout=tiles`);
            await expect.poll(() => page.locator('.kpi').count(), { timeout: 30_000 }).toBe(6);
            await expect
              .poll(() => page.locator('.rank-list__link[data-testid^="department-"]').count(), { timeout: 30_000 })
              .toBeGreaterThan(10);
            await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
            await page.evaluate(() => document.fonts.ready);
            await screenshot(page, `overview-text-fit-${lang}-${vp.width}x${vp.height}`);
            expect(await misfits(page)).toEqual([]);
            // Every tile has the full name as its accessible title.
            const untitled = await page.evaluate(
              () =>
                [...document.querySelectorAll('a.tile')].filter(
                  (a) => !a.querySelector('title')?.textContent || !a.getAttribute('aria-label'),
                ).length,
            );
            expect(untitled).toBe(0);
          } finally {
            await page.close();
          }
        },
        SLOW,
      );
    }
  }
});
