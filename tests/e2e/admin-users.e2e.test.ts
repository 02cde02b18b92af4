/**
 * The Users tab of the administration in Chromium (issue 14): an administrator creates a user holding
 * two wards (found by name without diacritics); that user signs in and sees both wards' dossier lists
 * and not a third's; the administrator resets the password (shown once) and disables the account.
 * Screenshots at 1440 px and 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { toVnIso } from '../../server/domain/time.js';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 180_000;
const WARDS = { saigon: '26740', benthanh: '26743', third: '26758' } as const;
const dossierOf = (code: string) => `H79.${code}-E2E-USERS`;
const NEW_USER = 'e2e-haiphuong';
const NEW_PASSWORD = 'mat khau ban dau 79';

async function lateDossiers(server: E2eServer): Promise<void> {
  const day = 86_400_000;
  const now = Date.now();
  const events = Object.values(WARDS).flatMap((unit) => [
    {
      id: `${dossierOf(unit)}-r`,
      type: 'received',
      dossierId: dossierOf(unit),
      at: toVnIso(now - 25 * day),
      unit,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
      channel: 'online',
      dueAt: toVnIso(now - 20 * day),
    },
    {
      id: `${dossierOf(unit)}-a`,
      type: 'assigned',
      dossierId: dossierOf(unit),
      at: toVnIso(now - 25 * day + 3_600_000),
      handler: { id: `79-${unit}-e2e`, name: `Cán bộ ${unit}`, unit },
    },
  ]);
  const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
    body: JSON.stringify({ events }),
  });
  expect((await res.json()).accepted).toBe(events.length);
}

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-page').waitFor({ timeout: 30_000 });
  await signInOnPage(page, username, password, 30_000);
}

async function pickWard(page: Page, typed: string, name: string): Promise<void> {
  await page.getByTestId('scope-search').fill(typed);
  await page.getByRole('button', { name: `+ ${name}` }).click();
}

describe('the Users tab in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-quantri', 'admin');
    await lateDossiers(server);
    browser = await launchBrowser();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'creates a user with two wards who sees both wards’ lists and not a third; resets the password (shown once); disables the account',
    async () => {
      const adminCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const admin = await adminCtx.newPage();
      admin.on('dialog', (d) => void d.accept());
      await signIn(admin, server.url, 'e2e-quantri', E2E_PASSWORD);
      await admin.goto(`${server.url}/admin/users`);
      await admin.getByTestId('users-table').waitFor({ timeout: 15_000 });
      expect(await admin.getByTestId('user-row-e2e-quantri').textContent()).toContain('Quản trị hệ thống');

      // Create: a short password is refused next to its field; two wards picked by name without diacritics.
      await admin.getByTestId('user-create').click();
      const form = admin.getByTestId('user-create-form');
      await form.getByLabel('Tên đăng nhập').fill(NEW_USER);
      await form.getByLabel('Họ tên hoặc chức danh').fill('Chủ tịch UBND hai phường');
      await form.getByLabel('Mật khẩu ban đầu').fill('ngan');
      await pickWard(admin, 'sai gon', 'Phường Sài Gòn');
      await pickWard(admin, 'ben thanh', 'Phường Bến Thành');
      await form.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect
        .poll(() => form.locator('.field-error').first().textContent(), { timeout: 10_000 })
        .toContain('Mật khẩu cần ít nhất 10 ký tự.');
      await screenshot(admin, 'admin-users-1440-create-form');
      await form.getByLabel('Mật khẩu ban đầu').fill(NEW_PASSWORD);
      await form.getByRole('button', { name: 'Thêm', exact: true }).click();
      const row = admin.getByTestId(`user-row-${NEW_USER}`);
      await row.waitFor({ timeout: 10_000 });
      const rowText = await row.textContent();
      for (const words of ['Lãnh đạo đơn vị', 'Phường Sài Gòn', 'Phường Bến Thành', 'Đang hoạt động', 'Chưa đăng nhập lần nào'])
        expect(rowText).toContain(words);
      await screenshot(admin, 'admin-users-1440-list');

      // The new user: both wards' dossier lists, not the third ward's.
      const userCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const user = await userCtx.newPage();
      await signIn(user, server.url, NEW_USER, NEW_PASSWORD);
      for (const code of [WARDS.saigon, WARDS.benthanh]) {
        await user.goto(`${server.url}/units/${code}`);
        await user.getByTestId(`dossier-row-${dossierOf(code)}`).waitFor({ timeout: 30_000 });
        expect(await user.getByTestId('unit-lists-refused').count()).toBe(0);
      }
      await user.goto(`${server.url}/units/${WARDS.third}`);
      await user.getByTestId('unit-lists-refused').waitFor({ timeout: 30_000 });
      expect(await user.getByTestId(`dossier-row-${dossierOf(WARDS.third)}`).count()).toBe(0);

      // Reset: the temporary password is shown once; the old one stops working, the new one works.
      await admin.getByTestId(`user-reset-${NEW_USER}`).click();
      const once = admin.getByTestId('password-once');
      await once.waitFor({ timeout: 10_000 });
      expect(await once.textContent()).toContain('chỉ hiện một lần');
      const temporary = (await admin.getByTestId('temporary-password').textContent()) ?? '';
      expect(temporary).toMatch(/^[A-Za-z0-9_-]{22}$/);
      await screenshot(admin, 'admin-users-1440-password-once');
      await once.getByRole('button', { name: 'Đã lưu, đóng' }).click();
      expect(await admin.getByTestId('password-once').count()).toBe(0);
      const login = (password: string) =>
        fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: NEW_USER, password }),
        }).then((r) => r.status);
      expect(await login(NEW_PASSWORD)).toBe(401);
      expect(await login(temporary)).toBe(200);

      // Disable: the row says so, and signing in is refused.
      await admin.getByTestId(`user-toggle-${NEW_USER}`).click();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Đã khoá');
      expect(await admin.getByTestId(`user-toggle-${NEW_USER}`).textContent()).toBe('Mở khoá');
      expect(await login(temporary)).toBe(401);

      // A phone: cards, no sideways page scroll.
      const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
      const phone = await phoneCtx.newPage();
      await signIn(phone, server.url, 'e2e-quantri', E2E_PASSWORD);
      await phone.goto(`${server.url}/admin/users`);
      await phone.getByTestId(`user-row-${NEW_USER}`).waitFor({ timeout: 15_000 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await phone.getByTestId(`user-row-${NEW_USER}`).scrollIntoViewIfNeeded();
      await screenshot(phone, 'admin-users-360-cards');
      await phone.getByTestId('user-create').click();
      await phone.getByTestId('scope-search').fill('tan dinh');
      const found = phone.getByRole('button', { name: '+ Phường Tân Định' });
      await found.scrollIntoViewIfNeeded();
      await screenshot(phone, 'admin-users-360-create-form');
      const small = await phone.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="admin-users"] button')]
            .map((b) => b.getBoundingClientRect())
            .filter((r) => r.width > 0 && r.height < 44).length,
      );
      expect(small, 'buttons under 44 px tall').toBe(0);
      await Promise.all([adminCtx.close(), userCtx.close(), phoneCtx.close()]);
    },
    SLOW,
  );
});
