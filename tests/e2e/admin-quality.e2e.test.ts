/**
 * The data-quality tab in Chromium: a record the ingest path refused is listed with its rule and
 * errors; the admin fixes its JSON in the editor (a syntax error is caught before sending), replays it,
 * and the dossier is then known to the dashboard. Phone width: no sideways page scroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MS_PER_HOUR, toVnIso } from '../../server/domain/time.js';
import { launchBrowser, screenshot } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;

function received(id: string, dossierId: string, unit: string): Record<string, unknown> {
  const at = Date.now() - MS_PER_HOUR;
  return {
    id,
    type: 'received',
    dossierId,
    at: toVnIso(at),
    unit,
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
    channel: 'online',
    dueAt: toVnIso(at + 72 * MS_PER_HOUR),
  };
}

describe('data-quality tab in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;

  async function signedInPage(width: number, height: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}/`);
    return page;
  }

  beforeAll(async () => {
    server = await startE2eServer();
    const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
      body: JSON.stringify({ events: [received('e2e-q-1', 'E2E-Q-1', '99999'), received('e2e-q-2', 'E2E-Q-2', '')] }),
    });
    expect(((await res.json()) as { rejected: number }).rejected).toBe(2);
    await server.addUser('e2e-quantri', 'admin');
    browser = await launchBrowser();
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const status = await page.evaluate(async (password) => {
      const r = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'e2e-quantri', password }),
      });
      return r.status;
    }, E2E_PASSWORD);
    expect(status).toBe(200);
    await page.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'fixes a refused event in the JSON editor and replays it: accepted, and the dossier is then on the dashboard',
    async () => {
      const page = await signedInPage(1440, 1000);
      await page.goto(`${server.url}/admin/quality`);
      const card = page.getByTestId('aq-record').filter({ hasText: 'e2e-q-1' });
      await card.waitFor({ timeout: 20_000 });
      expect(await card.getAttribute('data-rule')).toBe('unknown_code');
      expect(await card.getByTestId('aq-errors').textContent()).toContain('Mã hoặc tên đơn vị không thuộc địa bàn');
      expect(await page.getByTestId('aq-counts').textContent()).toContain('e2e-dossiers');
      await screenshot(page, 'admin-quality-1440');

      await card.getByTestId('aq-open').click();
      const editor = card.getByTestId('aq-editor');
      expect(JSON.parse(await editor.inputValue())).toMatchObject({ id: 'e2e-q-1', unit: '99999' });
      await editor.fill('{"id": "e2e-q-1",');
      expect(await card.getByTestId('aq-syntax').textContent()).toContain('JSON chưa hợp lệ');
      expect(await card.getByTestId('aq-replay').isDisabled()).toBe(true);

      await editor.fill(JSON.stringify(received('e2e-q-1', 'E2E-Q-1', '26740'), null, 2));
      expect(await card.getByTestId('aq-syntax').textContent()).toBe('JSON hợp lệ.');
      await card.getByTestId('aq-replay').click();
      const notice = page.getByTestId('aq-notice');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.textContent()).toContain('Đã nhận vào nhật ký: e2e-q-1');
      // Replayed: it leaves the list of open records.
      await expect.poll(() => page.getByTestId('aq-record').filter({ hasText: 'e2e-q-1' }).count(), { timeout: 10_000 }).toBe(0);
      const dossier = await server.api('/api/v1/dossiers/E2E-Q-1');
      expect(dossier).toMatchObject({ id: 'E2E-Q-1' });
      await page.close();
    },
    SLOW,
  );

  it(
    'fits a phone: the open record’s editor without sideways page scroll',
    async () => {
      const page = await signedInPage(360, 800);
      await page.goto(`${server.url}/admin/quality`);
      const card = page.getByTestId('aq-record').filter({ hasText: 'e2e-q-2' });
      await card.waitFor({ timeout: 20_000 });
      await card.getByTestId('aq-open').click();
      await card.getByTestId('aq-editor').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-quality-360');
      await page.close();
    },
    SLOW,
  );
});
