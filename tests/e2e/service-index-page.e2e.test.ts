/**
 * The Index page in Chromium, on the demo city: the ranking of wards matches the API (rank 1 has the
 * highest total), a ward's breakdown adds up to its total as read from the page, the grade layer
 * colours the map and the tiles, a count of the breakdown opens the dossiers behind it, and a phone-wide
 * screen never scrolls sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IndexGrade, IndexRankingResponse } from '../../shared/contract/service-index.js';
import { GRADE_FILL } from '../../client/features/service-index/index-model.js';
import { launchBrowser, screenshot } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;

/** A number as the page writes it in Vietnamese (`16,05`, `1.204`). */
const vn = (text: string | null) => Number((text ?? '').trim().replace(/\./g, '').replace(',', '.'));

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  const status = await page.evaluate(
    async ([u, p]) =>
      (
        await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: u, password: p }),
        })
      ).status,
    ['e2e-lanhdao', E2E_PASSWORD],
  );
  expect(status).toBe(200);
}

/** The wards' table as the page shows it: code, rank and total of each row, in order. */
async function wardRows(page: Page): Promise<{ code: string; rank: string; total: number }[]> {
  return page.$$eval('[data-testid=si-units] tbody tr[data-code]', (trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute('data-code') ?? '',
      rank: tr.querySelector('[data-col=rank]')?.textContent?.trim() ?? '',
      total: Number(tr.querySelector('[data-col=total]')?.getAttribute('data-value') || Number.NaN),
    })),
  );
}

describe('the Index page in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-lanhdao', 'city_leader');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'ranks wards: rank 1 has the highest total in the table and is the API’s rank 1',
    async () => {
      await page.goto(`${server.url}/index?period=month&layout=geo`);
      await page.getByTestId('si-units').waitFor({ timeout: 20_000 });
      // The demo keeps sending dossiers: compare the page and the API until both are read between two updates.
      await expect
        .poll(
          async () => {
            const rows = (await wardRows(page)).filter((r) => Number.isFinite(r.total));
            const api = await server.api<IndexRankingResponse>('/api/v1/index?period=month');
            const firsts = api.units.filter((u) => u.rank === 1).map((u) => u.code);
            const highest = Math.max(...rows.map((r) => r.total));
            return rows.length > 10 && rows[0].rank === '1' && rows[0].total === highest && firsts.includes(rows[0].code);
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBe(true);
      expect(await page.getByTestId('si-portal-note').textContent()).toContain('Cổng Dịch vụ công quốc gia tính lại chỉ số');
      await screenshot(page, 'service-index-1440');
    },
    SLOW,
  );

  it(
    'a ward’s breakdown adds up to its total, read from the page',
    async () => {
      const first = page.locator('[data-testid=si-units] tbody tr[data-code]').first();
      const code = await first.getAttribute('data-code');
      await first.getByRole('button').click();
      const breakdown = page.getByTestId('si-breakdown');
      await breakdown.waitFor({ timeout: 20_000 });
      expect(await breakdown.getAttribute('data-scope')).toBe(`unit:${code}`);
      const subtotals = await page.$$eval('[data-testid^=si-subtotal-] strong', (els) => els.map((e) => e.textContent ?? ''));
      expect(subtotals).toHaveLength(6);
      const sum = subtotals.map((s) => vn(s.split('/')[0])).reduce((a, b) => a + b, 0);
      const total = vn(await page.getByTestId('si-breakdown-total').textContent());
      expect(Math.abs(sum - total)).toBeLessThan(0.005);
      expect(vn(await page.getByTestId('si-sum-total').textContent())).toBe(total);
      // Indicators no dossier can compute say so, with the reason.
      expect(await page.getByTestId('si-na-transparency').textContent()).toContain('Không áp dụng / chưa có dữ liệu');
      await screenshot(page, 'service-index-breakdown-1440');
    },
    SLOW,
  );

  it(
    'a denominator opens the ward’s dossiers behind it: the list’s total is the number clicked',
    async () => {
      // A closed month: its received dossiers no longer change while the demo keeps sending new ones.
      const now = await server.api<IndexRankingResponse>('/api/v1/index?period=month');
      const closed = now.previous.period;
      const api = await server.api<IndexRankingResponse>(`/api/v1/index?period=${closed}`);
      const ward = api.units.find((u) => u.dossiers > 0 && u.total !== null);
      expect(ward, `a ward with dossiers in ${closed}`).toBeDefined();
      await page.goto(`${server.url}/index?period=month&iperiod=${closed}&unit=${ward!.code}&layout=geo`);
      const link = page.getByTestId('si-drill-online_dossiers-denominator');
      await link.waitFor({ timeout: 20_000 });
      const clicked = vn(await link.textContent());
      expect(clicked).toBeGreaterThan(0);
      await link.click();
      await page.waitForURL((u) => u.pathname === `/units/${ward!.code}` && u.searchParams.get('side') === 'denominator', {
        timeout: 20_000,
      });
      const total = page.getByTestId('index-drill-list-total');
      await total.waitFor({ timeout: 20_000 });
      expect(Number(await total.getAttribute('data-value'))).toBe(clicked);
      expect(vn((await total.textContent())!.replace(' hồ sơ', ''))).toBe(clicked);
      const [year, month] = closed.split('-');
      expect(await page.locator('#si-drill-title').textContent()).toBe(
        `Hồ sơ được tính vào mẫu số: Hồ sơ nộp trực tuyến — Tháng ${month}/${year}`,
      );
      await screenshot(page, 'service-index-drill-1440');
      const phone = await browser.newPage({ viewport: { width: 360, height: 780 } });
      await signIn(phone, server.url);
      await phone.goto(page.url());
      await phone.getByTestId('index-drill-list-total').waitFor({ timeout: 20_000 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await screenshot(phone, 'service-index-drill-360');
      await phone.close();
    },
    SLOW,
  );

  it(
    'the grade layer colours the map and the tiles by each ward’s grade',
    async () => {
      for (const layout of ['geo', 'tiles'] as const) {
        await page.goto(`${server.url}/index?period=month&layout=${layout}`);
        await page.getByTestId('si-units').waitFor({ timeout: 20_000 });
        await expect
          .poll(
            async () => {
              const api = await server.api<IndexRankingResponse>('/api/v1/index?period=month');
              // One ward of each grade present, and a ward without a total (no dossier).
              const byGrade = new Map<IndexGrade | null, string>();
              for (const u of api.units) if (!byGrade.has(u.grade)) byGrade.set(u.grade, u.code);
              const checks = await Promise.all(
                [...byGrade].map(async ([grade, code]) => {
                  const el = page.locator(`[data-testid=map-unit-${code}]`);
                  const fill = layout === 'geo' ? await el.getAttribute('fill') : await el.locator('rect').getAttribute('fill');
                  const level = await el.getAttribute('data-level');
                  return grade === null ? level === 'none' : fill?.toUpperCase() === GRADE_FILL[grade].toUpperCase();
                }),
              );
              return byGrade.size >= 2 && checks.every(Boolean);
            },
            { timeout: 30_000, interval: 1_000 },
          )
          .toBe(true);
        expect(await page.getByTestId('si-legend').textContent()).toContain('Xuất sắc');
      }
      await screenshot(page, 'service-index-tiles');
    },
    SLOW,
  );

  it(
    'does not scroll sideways at 360 px, the ranking and the breakdown included',
    async () => {
      const phone = await browser.newPage({ viewport: { width: 360, height: 780 } });
      await signIn(phone, server.url);
      const api = await server.api<IndexRankingResponse>('/api/v1/index?period=month');
      await phone.goto(`${server.url}/index?period=month&unit=${api.units[0].code}`);
      await phone.getByTestId('si-breakdown').waitFor({ timeout: 20_000 });
      await phone.getByTestId('si-units').waitFor({ timeout: 20_000 });
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await screenshot(phone, 'service-index-360');
      await phone.close();
    },
    SLOW,
  );
});
