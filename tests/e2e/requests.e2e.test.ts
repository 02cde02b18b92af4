/**
 * Explanation requests end to end in Chromium (issue 12): a supervisor sends an explanation request
 * from a late dossier's row in one click; the ward's leader, signed in in another browser context,
 * sees it arrive within 2 s without reloading, answers it, and the supervisor sees the answer arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toVnIso } from '../../server/domain/time.js';
import { launchBrowser, openSignedIn, screenshot } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 120_000;
const WARD = '26740';
const DOSSIER = 'H79.26740-E2E-LATE-1';
const ANSWER = 'Hồ sơ chờ kết quả xác minh của Công an phường; dự kiến trả kết quả trong tuần.';

const signIn = (ctx: BrowserContext, url: string, username: string): Promise<Page> =>
  openSignedIn(ctx, url, username, { next: `/units/${WARD}` });

describe('explanation requests in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-giamsat', 'supervisor');
    await server.addUser('e2e-phuong', 'unit_leader', `unit:${WARD}`);
    // A dossier of the ward twenty days late, held by one of its officials: first in the overdue list.
    const day = 86_400_000;
    const now = Date.now();
    const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
      body: JSON.stringify({
        events: [
          {
            id: 'e2e-late-r',
            type: 'received',
            dossierId: DOSSIER,
            at: toVnIso(now - 25 * day),
            unit: WARD,
            procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
            channel: 'online',
            dueAt: toVnIso(now - 20 * day),
          },
          {
            id: 'e2e-late-a',
            type: 'assigned',
            dossierId: DOSSIER,
            at: toVnIso(now - 25 * day + 3_600_000),
            handler: { id: '79-26740-e2e', name: 'Lê Thị Kiểm Thử', unit: WARD },
          },
        ],
      }),
    });
    expect((await res.json()).accepted).toBe(2);
    browser = await launchBrowser();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // On a desk, then with both people on a phone (issue 18: the daily actions with a thumb).
  const DEVICES = [
    { name: 'desk', options: { viewport: { width: 1440, height: 900 } } },
    { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  ] as const;

  for (const device of DEVICES)
    it(
      `on a ${device.name}: a supervisor asks from a late dossier’s row; the ward leader sees it within 2 s without reloading, answers, and the answer reaches the supervisor`,
      async () => {
        const supCtx = await browser.newContext(device.options);
        const wardCtx = await browser.newContext(device.options);
        const ward = await signIn(wardCtx, server.url, 'e2e-phuong');
        const sup = await signIn(supCtx, server.url, 'e2e-giamsat');
        // A marker that a reload would wipe out.
        await ward.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
        const wardBell = ward.getByTestId('requests-bell');
        await wardBell.waitFor({ timeout: 15_000 });
        const before = Number(await wardBell.getAttribute('data-unread'));

        const row = sup.getByTestId(`dossier-row-${DOSSIER}`);
        await row.waitFor({ timeout: 30_000 });
        await row.getByRole('button', { name: /Gửi nhắc nhở hoặc yêu cầu giải trình/ }).click();
        const dialog = sup.getByTestId('send-request-dialog');
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain(`Hồ sơ ${DOSSIER}`);
        expect(await sup.getByLabel('Yêu cầu giải trình', { exact: true }).isChecked()).toBe(true);
        await expect.poll(() => sup.getByTestId('send-request-due').inputValue(), { timeout: 10_000 }).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        await screenshot(sup, `requests-${device.name}-send-dialog`);
        const [sent] = await Promise.all([
          sup.waitForResponse((r) => r.url().endsWith('/api/v1/reminders') && r.request().method() === 'POST'),
          sup.getByTestId('send-request-submit').click(),
        ]);
        expect(sent.status()).toBe(201);
        const sentAt = Date.now();
        const id = (await sent.json()).id as number;

        // The ward leader's badge and list, live.
        await expect
          .poll(async () => Number(await wardBell.getAttribute('data-unread')), { timeout: 2_000, interval: 50 })
          .toBe(before + 1);
        const arrivedMs = Date.now() - sentAt;
        expect(arrivedMs).toBeLessThan(2_000);
        expect(await ward.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
        await wardBell.click();
        // The ward's page shows the same request in its panel; the header's list is the one used here.
        const card = ward.getByTestId('requests-inbox').getByTestId(`request-${id}`);
        await card.waitFor({ timeout: 10_000 });
        expect(await card.getByTestId('request-state').textContent()).toBe('Chưa tiếp nhận');
        expect(await card.textContent()).toContain('Cán bộ xử lý khi gửi: Lê Thị Kiểm Thử');
        await screenshot(ward, `requests-${device.name}-ward-bell`);

        await card.getByTestId(`request-answer-${id}`).click();
        await ward.getByTestId('answer-text').fill(ANSWER);
        await screenshot(ward, `requests-${device.name}-answer-form`);
        await ward.getByTestId('answer-submit').click();
        await expect.poll(() => card.getByTestId('request-state').textContent()).toBe('Đã giải trình');
        // …and the unit page's panel turned too, without a reload.
        expect(await ward.getByTestId('unit-requests').getByTestId(`request-${id}`).getByTestId('request-state').textContent()).toBe(
          'Đã giải trình',
        );

        // The supervisor's bell counts the answer, and its entry reads "Đã giải trình" with the text.
        const supBell = sup.getByTestId('requests-bell');
        await expect
          .poll(async () => Number(await supBell.getAttribute('data-unread')), { timeout: 2_000, interval: 50 })
          .toBeGreaterThanOrEqual(1);
        await supBell.click();
        const answered = sup.getByTestId('requests-inbox').getByTestId(`request-${id}`);
        await answered.waitFor({ timeout: 10_000 });
        expect(await answered.getByTestId('request-state').textContent()).toBe('Đã giải trình');
        expect(await answered.getByTestId('request-answer').textContent()).toContain(ANSWER);
        await screenshot(sup, `requests-${device.name}-supervisor-answer`);

        // The dossier's timeline shows the request and the answer in place.
        await sup.goto(`${server.url}/dossiers/${encodeURIComponent(DOSSIER)}`);
        const timeline = sup.getByTestId('timeline-list');
        await timeline.waitFor({ timeout: 15_000 });
        await expect.poll(() => timeline.locator('.tl-entry-request-answered').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
        expect(await timeline.locator('.tl-entry-request-sent').last().textContent()).toContain('Yêu cầu giải trình của e2e-giamsat');
        expect(await timeline.locator('.tl-entry-request-answered').last().textContent()).toContain(ANSWER);
        await timeline.scrollIntoViewIfNeeded();
        await screenshot(sup, `requests-${device.name}-dossier-timeline`);
        await supCtx.close();
        await wardCtx.close();
      },
      SLOW,
    );
});
