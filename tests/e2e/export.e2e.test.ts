/**
 * The unit page's export in Chromium: "Tải Excel (.xlsx)" reached by keyboard saves a workbook that
 * exceljs opens with its title row, header and typed cells; "CSV" saves a ';'-separated file.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 60_000;

describe('unit page exports in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let code: string;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-xuat', 'city_leader');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const res = await fetch(`${server.url}/api/v1/overview?period=month`);
    const body = (await res.json()) as { units: Record<string, { overdue: number }> };
    [code] = Object.entries(body.units).sort((a, b) => b[1].overdue - a[1].overdue)[0];
    await page.goto(`${server.url}/login?next=${encodeURIComponent(`/units/${code}`)}`);
    await page.getByTestId('login-page').waitFor({ timeout: 15_000 });
    await signInOnPage(page, 'e2e-xuat', E2E_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'saves the overdue list as .xlsx from the keyboard, with typed cells',
    async () => {
      await page.goto(`${server.url}/units/${code}`);
      const xlsx = page.getByRole('button', { name: /^Tải Excel \(\.xlsx\): Hồ sơ/ }).first();
      await xlsx.waitFor({ timeout: 20_000 });
      await xlsx.focus();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^ho-so-qua-han-${code}\\.xlsx$`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(String(ws.getCell('A1').value)).toMatch(/Hồ sơ quá hạn — Thời điểm: hiện tại — Cập nhật lúc \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
      expect(ws.getCell('A2').value).toBe('Mã hồ sơ');
      expect(ws.rowCount).toBeGreaterThan(2);
      expect(ws.getCell('F3').value).toBeInstanceOf(Date);
      expect(typeof ws.getCell('G3').value).toBe('number');
    },
    SLOW,
  );

  it(
    'saves the same list as a ";"-separated CSV',
    async () => {
      const csv = page.getByRole('button', { name: /^Tải CSV: Hồ sơ/ }).first();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), csv.click()]);
      expect(download.suggestedFilename()).toBe(`ho-so-qua-han-${code}.csv`);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.startsWith('\uFEFFMã hồ sơ;Thủ tục;')).toBe(true);
    },
    SLOW,
  );
});
