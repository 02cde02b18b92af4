/**
 * The time bar in Chromium (issue 16): open the overview, move to yesterday 10:00, see the KPIs of
 * that moment marked "Đang xem lại", the URL carrying `at`, a reload keeping it, and one click back
 * to live. The demo's history is loaded at start, so "as received" shows nothing before it and "as
 * corrected" shows the history: the test reads both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const DAY = 86_400_000;
const VN = 7 * 3_600_000;
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Yesterday 10:00 Vietnam time: the picker's value and the banner's words. */
function yesterdayTen() {
  const d = new Date(Date.now() + VN - DAY);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const p = (n: number) => String(n).padStart(2, '0');
  const wd = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  return {
    /** The picker's date field, day first, and its 24-hour time field. */
    day: `${p(day)}/${p(m)}/${y}`,
    time: '10:00',
    param: `${y}-${p(m)}-${p(day)}T10:00+07:00`,
    banner: `Đang xem lại: 10:00 ${WEEKDAYS[wd]} ${day}/${m}/${y}`,
    bannerEn: `Replaying: 10:00 ${WEEKDAYS_EN[wd]} ${day}/${m}/${y}`,
  };
}

/** Types a moment into the time bar's picker (date, then 24-hour time) and shows it with Enter. */
async function pickMoment(page: Page, y: { day: string; time: string }): Promise<void> {
  const picker = page.getByTestId('moment-picker');
  await picker.getByRole('textbox', { name: /^(Ngày|Date)/ }).fill(y.day);
  const time = picker.getByRole('textbox', { name: /^(Giờ|Time)/ });
  await time.fill(y.time);
  await time.press('Enter');
}

describe('the time bar in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('moves the overview to yesterday 10:00 and back to live, the moment kept in the URL across a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // Replaying is for signed-in users: the public view has no time bar.
    await page.goto(`${server.url}/?period=month&layout=tiles`);
    await page.getByTestId('kpi-received-value').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /Xem lại/ }).count()).toBe(0);
    await page.goto(`${server.url}/login`);
    await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
    await page.goto(`${server.url}/?period=month&layout=tiles`);
    const received = page.getByTestId('kpi-received-value');
    await received.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await received.textContent())?.trim(), { timeout: 30_000 }).not.toBe('—');
    const liveText = (await received.textContent())?.trim();

    await page.getByRole('button', { name: /Xem lại/ }).click();
    const banner = page.getByTestId('replay-banner');
    await banner.waitFor({ timeout: 15_000 });
    const y = yesterdayTen();
    await pickMoment(page, y);
    await expect.poll(async () => (await banner.textContent())?.trim(), { timeout: 15_000 }).toBe(y.banner);
    // As received: the history was loaded at start, after yesterday 10:00, so nothing had been received.
    await expect.poll(async () => (await received.textContent())?.trim(), { timeout: 60_000 }).toBe('0');
    await page.getByRole('combobox', { name: 'Số liệu' }).selectOption('corrected');
    await expect.poll(async () => (await received.textContent())?.trim(), { timeout: 90_000 }).not.toBe('0');
    const replayText = (await received.textContent())?.trim();
    expect(replayText).not.toBe(liveText);
    const url = new URL(page.url());
    expect(url.searchParams.get('at')).toBe(y.param);
    expect(url.searchParams.get('asOf')).toBe('corrected');
    // The server's own figure for that moment is what the tile shows.
    const api = await server.api(`/api/v1/overview?period=month&at=${encodeURIComponent(y.param)}&asOf=corrected`);
    expect(Number(replayText?.replace(/\./g, ''))).toBe(api.city.received);
    // The header does not say "Trực tiếp" over a past moment.
    expect((await page.getByTestId('connection-status').textContent())?.trim()).toContain('Đang xem lại');
    await screenshot(page, 'replay-yesterday-10');

    await page.reload();
    await banner.waitFor({ timeout: 30_000 });
    expect((await banner.textContent())?.trim()).toBe(y.banner);
    await expect.poll(async () => (await received.textContent())?.trim(), { timeout: 90_000 }).toBe(replayText);

    await page.getByRole('button', { name: 'Về trực tiếp' }).click();
    await expect.poll(async () => page.getByTestId('replay-banner').count(), { timeout: 15_000 }).toBe(0);
    expect(new URL(page.url()).searchParams.get('at')).toBeNull();
    await expect
      .poll(async () => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 })
      .not.toBe('replay');
    await screenshot(page, 'replay-back-to-live');
  }, 300_000);

  it('moves a unit page to yesterday 10:00: its figures and its overdue dossiers then, marked as a replay, kept in the URL', async () => {
    const y = yesterdayTen();
    // The unit with the most dossiers overdue then, as corrected (as received, the history had not arrived yet).
    const then = await server.api(`/api/v1/overview?period=month&at=${encodeURIComponent(y.param)}&asOf=corrected`);
    const [code, m] = Object.entries(then.units as Record<string, { overdue: number }>).sort((a, b) => b[1].overdue - a[1].overdue)[0];
    expect(m.overdue).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/login`);
    await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
    await page.goto(`${server.url}/units/${code}?period=month`);
    const overdue = page.getByTestId('kpi-overdue').locator('dd').first();
    await overdue.waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: /Xem lại/ }).click();
    const banner = page.getByTestId('replay-banner');
    await banner.waitFor({ timeout: 15_000 });
    await pickMoment(page, y);
    await page.getByRole('combobox', { name: 'Số liệu' }).selectOption('corrected');
    await expect.poll(async () => (await banner.textContent())?.trim(), { timeout: 15_000 }).toBe(y.banner);
    await expect.poll(async () => (await overdue.textContent())?.trim(), { timeout: 90_000 }).toBe(String(m.overdue));
    const url = new URL(page.url());
    expect(url.searchParams.get('at')).toBe(y.param);
    expect(url.searchParams.get('asOf')).toBe('corrected');
    expect(await page.getByTestId('unit-page').getAttribute('class')).toContain('unit-page--replay');
    // The dossiers overdue then, as many as the figure says, each with the official who held it then.
    const total = page.getByTestId('replay-overdue-total');
    await expect.poll(async () => total.getAttribute('data-value'), { timeout: 60_000 }).toBe(String(m.overdue));
    await screenshot(page, 'replay-unit-1440');

    await page.reload();
    await banner.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await overdue.textContent())?.trim(), { timeout: 90_000 }).toBe(String(m.overdue));
    await page.setViewportSize({ width: 360, height: 800 });
    await expect
      .poll(async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { timeout: 5_000 })
      .toBe(true);
    await screenshot(page, 'replay-unit-360');

    // Compare with the day before: the legend says what the number is, between which moments.
    await page.getByRole('button', { name: 'So sánh với 24 giờ trước' }).click();
    const legend = page.getByTestId('compare-legend');
    await legend.waitFor({ timeout: 60_000 });
    expect((await legend.textContent())?.trim()).toMatch(/^Thay đổi số hồ sơ quá hạn từ 10:00 .* đến 10:00 /);
    expect(new URL(page.url()).searchParams.get('compare')).not.toBeNull();
    await page.getByTestId('compare-worse').or(page.getByText('Không đơn vị nào tăng số hồ sơ quá hạn.')).waitFor({ timeout: 60_000 });
    await screenshot(page, 'replay-compare-360');

    // The wall plays the same moment back, in large violet letters.
    await page.setViewportSize({ width: 1440, height: 810 });
    await page.goto(`${server.url}/wall?scenes=ranking&at=${encodeURIComponent(y.param)}&asOf=corrected`);
    const wallBanner = page.getByTestId('replay-banner');
    await wallBanner.waitFor({ timeout: 30_000 });
    expect((await wallBanner.textContent())?.trim()).toBe(y.banner);
    await page.waitForTimeout(2_000);
    await screenshot(page, 'replay-wall-1440');
  }, 300_000);

  it('colours the overview map and tiles by the change between two moments, the legend saying what the colour is, tooltips A → B', async () => {
    const y = yesterdayTen();
    // Of a few earlier moments, the one against which the most units changed (the demo's history is not uniform).
    type Row = { scope: string; from: number; to: number; change: number };
    let best: { dayBefore: string; rows: Row[] } | null = null;
    for (const days of [1, 3, 7, 14]) {
      const at = toAt(Date.parse(y.param) - days * DAY);
      const cmp = await server.api(
        `/api/v1/replay/compare?from=${encodeURIComponent(at)}&to=${encodeURIComponent(y.param)}&asOf=corrected`,
      );
      const rows = (cmp.rows as Row[]).filter((r) => r.scope.startsWith('unit:'));
      const changed = (r: Row[]) => r.filter((x) => x.change !== 0).length;
      if (!best || changed(rows) > changed(best.rows)) best = { dayBefore: at, rows };
    }
    const { dayBefore, rows } = best!;
    const unit = [...rows].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
    expect(unit).toBeDefined();
    const code = unit.scope.slice('unit:'.length);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/login`);
    await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
    const link = `/?period=month&at=${encodeURIComponent(y.param)}&asOf=corrected&compare=${encodeURIComponent(dayBefore)}`;
    await page.goto(`${server.url}${link}&layout=tiles`);
    const legend = page.getByTestId('map-compare-legend');
    await legend.waitFor({ timeout: 90_000 });
    expect((await legend.locator('.legend__title').textContent())?.trim()).toMatch(/^Thay đổi số hồ sơ quá hạn từ 10:00 .* đến 10:00 /);
    // The unit's tile: its tooltip gives A → B and the change, its value the signed change.
    const tile = page.getByTestId(`map-unit-${code}`);
    const sign = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');
    await expect
      .poll(async () => (await tile.locator('title').textContent())?.trim(), { timeout: 30_000 })
      .toContain(`Hồ sơ quá hạn: ${unit.from} → ${unit.to} (${sign(unit.change)})`);
    await page.locator('.map-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'replay-compare-tiles-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { timeout: 5_000 })
      .toBe(true);
    await page.getByTestId('map-compare-legend').scrollIntoViewIfNeeded();
    await screenshot(page, 'replay-compare-tiles-390');

    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${server.url}${link}&layout=geo`);
    await page.getByTestId('map-compare-legend').waitFor({ timeout: 90_000 });
    await page.locator('.leaflet-interactive').first().waitFor({ timeout: 30_000 });
    await page.locator('.map-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'replay-compare-geo-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.map-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await screenshot(page, 'replay-compare-geo-390');
  }, 300_000);

  it('shows, as corrected, how many units were corrected since and by how much each, in the table', async () => {
    const y = yesterdayTen();
    const q = (asOf: string) => `/api/v1/overview?period=month&at=${encodeURIComponent(y.param)}&asOf=${asOf}`;
    const corrected = (await server.api(q('corrected'))).units as Record<string, { overdue: number }>;
    const received = (await server.api(q('received'))).units as Record<string, { overdue: number }>;
    const diffs = Object.entries(corrected).map(([code, m]) => [code, m.overdue - received[code].overdue] as const);
    const count = diffs.filter(([, d]) => d !== 0).length;
    expect(count).toBeGreaterThan(0);
    const [code, diff] = [...diffs].sort((a, b) => b[1] - a[1])[0];
    // A calendar edit recorded after that moment (as an admin's edit is audited): a mark on the time bar.
    server.runtime.store.audit.add({
      at: Date.now() - 6 * 3_600_000,
      actor: 'user:e2e-admin',
      role: 'admin',
      action: 'calendar.changed',
      target: '2026-12-31',
      outcome: 'ok',
      ip: null,
      details: { date: '2026-12-31', appliesAfterRestart: true },
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/login`);
    await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
    await page.goto(`${server.url}/?period=month&at=${encodeURIComponent(y.param)}&asOf=corrected&table=1`);
    await page.getByTestId('replay-marks').locator('button').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('replay-marks').locator('button').first().getAttribute('title')).toMatch(
      /^Lịch làm việc được sửa lúc .* \(ngày 2026-12-31\); áp dụng từ lần khởi động lại sau đó$/,
    );
    expect((await page.getByTestId('replay-rules-changed').textContent())?.trim()).toMatch(
      /^Lịch làm việc đã thay đổi 1 lần sau thời điểm này/,
    );
    expect(await page.getByText('Tính theo lịch làm việc và quy tắc hiện hành.').count()).toBe(1);
    const units = page.getByTestId('replay-corrected-units');
    await expect.poll(async () => units.getAttribute('data-value'), { timeout: 90_000 }).toBe(String(count));
    expect((await units.textContent())?.trim()).toBe(
      `${count} đơn vị có số liệu được sửa sau (số hồ sơ quá hạn đã hiệu chỉnh khác với lúc đó)`,
    );
    expect((await page.getByTestId(`correction-${code}`).textContent())?.trim()).toBe(`+${diff}`);
    await screenshot(page, 'replay-corrections-1440');
    // As received (what was shown then) the count is not read: the corrected state may be too far to refold.
    await page.getByRole('combobox', { name: 'Số liệu' }).selectOption('received');
    await expect.poll(async () => units.count(), { timeout: 30_000 }).toBe(0);
  }, 300_000);

  it('in an English-language Chromium, the picker reads day first on a 24-hour clock, typed by keyboard; the URL and the banner agree, also in the English UI and on a 360 px phone', async () => {
    const en = await launchBrowser(CHROMIUM_PATH, ['--lang=en-US']);
    try {
      const context = await en.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      expect(await page.evaluate(() => navigator.language)).toBe('en-US');
      await page.goto(`${server.url}/login`);
      await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
      await page.goto(`${server.url}/?period=month&layout=tiles`);
      await page.getByRole('button', { name: /Xem lại/ }).click();
      const banner = page.getByTestId('replay-banner');
      await banner.waitFor({ timeout: 15_000 });
      const picker = page.getByTestId('moment-picker');
      const day = picker.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' });
      const time = picker.getByRole('textbox', { name: 'Giờ (24 giờ)' });
      // What the time bar opened on, as the URL says it: day first, 24-hour, whatever the browser's language.
      const opened = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})\+07:00$/.exec(new URL(page.url()).searchParams.get('at') ?? '');
      expect(opened).not.toBeNull();
      expect(await day.inputValue()).toBe(`${opened![3]}/${opened![2]}/${opened![1]}`);
      expect(await time.inputValue()).toBe(opened![4]);

      // The keyboard alone: into the date field, replace it, Tab to the time, type it, Enter.
      const y = yesterdayTen();
      await day.focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(y.day);
      await page.keyboard.press('Tab');
      await expect.poll(() => time.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('10:00');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await banner.textContent())?.trim(), { timeout: 15_000 }).toBe(y.banner);
      expect(new URL(page.url()).searchParams.get('at')).toBe(y.param);
      // ↑ in the time field: an hour later, in the URL, the banner and the field.
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => new URL(page.url()).searchParams.get('at'), { timeout: 15_000 }).toBe(y.param.replace('T10:00', 'T11:00'));
      await expect.poll(async () => (await banner.textContent())?.trim()).toBe(y.banner.replace('10:00', '11:00'));
      expect(await time.inputValue()).toBe('11:00');
      // A month-first date is refused in words, and nothing moves.
      await day.fill('12/31/2026');
      await day.press('Enter');
      expect(await page.getByTestId('moment-picker-error').textContent()).toContain('Ngày chưa đúng');
      expect(new URL(page.url()).searchParams.get('at')).toBe(y.param.replace('T10:00', 'T11:00'));
      await screenshot(page, 'replay-picker-en-browser-1440');

      // The English UI: English words, the same day-first date and 24-hour time as its banner.
      await page.goto(`${server.url}/?period=month&layout=tiles&lang=en&at=${encodeURIComponent(y.param)}`);
      await banner.waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await banner.textContent())?.trim(), { timeout: 15_000 }).toBe(y.bannerEn);
      const dayEn = picker.getByRole('textbox', { name: 'Date (dd/mm/yyyy)' });
      expect(await dayEn.inputValue()).toBe(y.day);
      expect(await picker.getByRole('textbox', { name: 'Time (24-hour)' }).inputValue()).toBe('10:00');

      // A 360 px phone: the picker fits, nothing scrolls sideways, and it still picks.
      await page.setViewportSize({ width: 360, height: 800 });
      await picker.scrollIntoViewIfNeeded();
      await expect
        .poll(async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { timeout: 5_000 })
        .toBe(true);
      const box = await picker.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      await pickMoment(page, { day: y.day, time: '9:30' });
      await expect.poll(() => new URL(page.url()).searchParams.get('at'), { timeout: 15_000 }).toBe(y.param.replace('T10:00', 'T09:30'));
      await expect.poll(async () => (await banner.textContent())?.trim()).toBe(y.bannerEn.replace('10:00', '09:30'));
      await screenshot(page, 'replay-picker-en-360');
    } finally {
      await en.close();
    }
  }, 300_000);

  it('shows a dossier’s page at yesterday 10:00: its status, holder and working days overdue then, marked on its timeline', async () => {
    const y = yesterdayTen();
    const then = await server.api(`/api/v1/overview?period=month&at=${encodeURIComponent(y.param)}&asOf=corrected`);
    const [code] = Object.entries(then.units as Record<string, { overdue: number }>).sort((a, b) => b[1].overdue - a[1].overdue)[0];
    const list = await server.api(`/api/v1/units/${code}/dossiers?at=${encodeURIComponent(y.param)}&asOf=corrected`);
    const item = list.items[0] as { id: string; holderName: string | null; daysOverdue: number };
    const api = await server.api(`/api/v1/dossiers/${encodeURIComponent(item.id)}?at=${encodeURIComponent(y.param)}&asOf=corrected`);
    expect(api.stateAt.state).toMatchObject({ timeliness: 'overdue', holderName: item.holderName, daysOverdue: item.daysOverdue });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/login`);
    await signInOnPage(page, 'e2e-api', E2E_PASSWORD, 30_000);
    await page.goto(`${server.url}/dossiers/${encodeURIComponent(item.id)}?at=${encodeURIComponent(y.param)}&asOf=corrected`);
    const banner = page.getByTestId('replay-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect((await banner.textContent())?.trim()).toBe(y.banner);
    const days = page.getByTestId('dossier-at-days');
    await days.waitFor({ timeout: 30_000 });
    expect(await days.getAttribute('data-value')).toBe(String(item.daysOverdue));
    expect((await page.getByTestId('dossier-at-holder').textContent())?.trim()).toBe(
      item.holderName ?? 'Không ai giữ (chưa phân công hoặc đã kết thúc)',
    );
    expect(await page.getByTestId('tl-line-at').count()).toBe(1);
    expect(await page.getByTestId('dossier-page').getAttribute('class')).toContain('dossier-page--replay');
    await screenshot(page, 'replay-dossier-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { timeout: 5_000 })
      .toBe(true);
    await screenshot(page, 'replay-dossier-390');
    await page.getByTestId('dossier-timeline').scrollIntoViewIfNeeded();
    // The strip scrolls inside its frame on a phone: "Lúc xem lại" is brought into it, not left off to the right.
    const inFrame = async () => {
      const frame = await page.locator('.tl-strip__scroll').first().boundingBox();
      const line = await page.getByTestId('tl-line-at').locator('line').boundingBox();
      return frame !== null && line !== null && line.x >= frame.x && line.x <= frame.x + frame.width;
    };
    await expect.poll(inFrame, { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'replay-dossier-timeline-390');
    // As received, the history had not arrived yet: the page says so instead of a state.
    await page.getByTestId('dossier-state-at').getByRole('combobox', { name: 'Số liệu' }).selectOption('received');
    await page.getByTestId('dossier-at-none').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Về hiện tại' }).click();
    await expect.poll(async () => page.getByTestId('dossier-state-at').count(), { timeout: 15_000 }).toBe(0);
    expect(new URL(page.url()).searchParams.get('at')).toBeNull();
  }, 300_000);
});

/** An instant as the URL's `at` (Vietnam time, +07:00). */
function toAt(t: number): string {
  const d = new Date(t + VN);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}+07:00`;
}
