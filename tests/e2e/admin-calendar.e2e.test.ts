/**
 * The working calendar tab in Chromium: an admin sees 2026's months with its days off and worked
 * Saturdays, marks a day off, and is told it applies after a restart while the file on disk (the
 * server's copy of fixtures/calendar) holds it; the same tab on a 360 px phone, without sideways scrolling.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(p: Page): Promise<{ id: string; nodes: number; sample: string }[]> {
  await p.evaluate(AXE_SOURCE);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document.querySelector('[data-testid=admin-calendar]'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, sample: v.nodes[0]?.target?.join(' ') ?? '' }));
  });
}

async function openCalendar(browser: Browser, base: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${base}/login`);
  await signInOnPage(page, 'e2e-admin', E2E_PASSWORD);
  await page.goto(`${base}/admin/calendar?year=2026`);
  await page.getByTestId('cal-month-12').waitFor({ timeout: 20_000 });
  return page;
}

describe('the working calendar tab in the browser', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-admin', 'admin');
    browser = await launchBrowser();
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'shows 2026 and writes a new day off to the file, saying it applies after the server restarts',
    async () => {
      const page = await openCalendar(browser, server.url, 1440);
      expect(await page.locator('[data-date="2026-02-17"]').getAttribute('data-kind')).toBe('day_off');
      expect(await page.locator('[data-date="2026-08-22"]').getAttribute('data-kind')).toBe('working_saturday');
      expect(await page.getByTestId('cal-total').textContent()).toContain('249 ngày làm việc trong năm 2026');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-calendar-1440');

      await page.locator('[data-date="2026-12-07"]').click();
      await page.getByTestId('cal-editor-name').fill('Nghỉ đột xuất');
      await page.getByTestId('cal-editor-save').click();
      expect(await page.getByTestId('cal-notice').textContent()).toContain('Áp dụng sau khi khởi động lại máy chủ');
      expect(await page.getByTestId('cal-pending').textContent()).toContain('áp dụng sau khi khởi động lại máy chủ');
      expect(await page.locator('[data-date="2026-12-07"]').getAttribute('data-kind')).toBe('day_off');
      expect(readFileSync(join(server.calendarDir, '2026.json'), 'utf8')).toContain('{ "date": "2026-12-07", "name": "Nghỉ đột xuất" }');
      // The running server still counts with the calendar it loaded.
      expect(server.runtime.calendar.isWorkingDay('2026-12-07')).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    'fits a 360 px phone: one month per row, day cells at least 44 px, no sideways scroll',
    async () => {
      const page = await openCalendar(browser, server.url, 360);
      const layout = await page.evaluate(() => {
        const months = [...document.querySelectorAll('[data-testid^=cal-month-]')].map((m) => m.getBoundingClientRect());
        const cell = document.querySelector('[data-date="2026-01-05"]')!.getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          columns: new Set(months.map((m) => Math.round(m.left))).size,
          cell: { w: cell.width, h: cell.height },
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(360);
      expect(layout.columns).toBe(1);
      expect(layout.cell.h).toBeGreaterThanOrEqual(44);
      expect(layout.cell.w).toBeGreaterThanOrEqual(40);
      await page.getByTestId('cal-month-1').scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-calendar-360');
      await page.close();
    },
    SLOW,
  );
});
