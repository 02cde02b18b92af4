/**
 * Buck-passing in Chromium: a city leader opens the city's list (from the header), follows a case to
 * its evidence and sees the cycle highlighted on the dossier's timeline and in its holds; the same
 * on a 360 px phone, without sideways scrolling.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BuckPassingCaseView } from '../../shared/contract/buck-passing.js';
import type { DossierDetailResponse } from '../../shared/contract/api.js';
import { launchBrowser, screenshot, signInOnPage } from './browser.js';
import { E2E_PASSWORD, startE2eServer, type E2eServer } from './e2e-server.js';

const SLOW = 90_000;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 AA checks (contrast, names of controls, ARIA) on the page as it is. */
async function axeViolations(p: Page): Promise<{ id: string; nodes: number; sample: string }[]> {
  await p.evaluate(AXE_SOURCE);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, sample: v.nodes[0]?.target?.join(' ') ?? '' }));
  });
}
/** The seeded history is ten days long: a quarter holds all of it, whatever today's date. */
const PERIOD = 'quarter';

async function signIn(p: Page, base: string, username: string): Promise<void> {
  await p.goto(`${base}/login`);
  await p.getByTestId('login-page').waitFor({ timeout: 15_000 });
  await signInOnPage(p, username, E2E_PASSWORD);
}

/** Which holds the page marks: `data-highlight` of each timeline bar, and whether each holds-table row is in the case. */
async function highlighted(p: Page, holds: number): Promise<{ bars: (string | null)[]; rows: boolean[] }> {
  const bars: (string | null)[] = [];
  const rows: boolean[] = [];
  for (let i = 0; i < holds; i++) {
    bars.push(await p.getByTestId(`tl-bar-hold-${i}`).getAttribute('data-highlight'));
    rows.push(((await p.getByTestId(`hold-row-${i + 1}`).getAttribute('class')) ?? '').includes('row-case'));
  }
  return { bars, rows };
}

describe('buck-passing in the browser', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    await server.addUser('e2e-bp-lanhdao', 'city_leader');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the city's list from the header, follows the first case's evidence; answers the case as the dossier page has it. */
  async function followFirstCase(p: Page, shot: string): Promise<{ c: BuckPassingCaseView; holds: number }> {
    await p.goto(`${server.url}/?period=${PERIOD}`);
    await p.getByTestId('nav-buck-passing').click();
    await p.waitForURL(/\/buck-passing\?/);
    const first = p.locator('[data-testid^="bp-case-"]').first();
    await first.waitFor({ timeout: 30_000 });
    const caseId = ((await first.getAttribute('data-testid')) ?? '').slice('bp-case-'.length);
    expect(await first.textContent()).toMatch(/Chuyển qua lại|Trả về bước trước|Chuyển vòng|Liên thông qua lại/);
    await screenshot(p, `${shot}-list`);
    expect(await axeViolations(p), 'the list').toEqual([]);
    await first.getByTestId('bp-evidence').click();
    await p.waitForURL(/\/dossiers\/.+\?.*case=/);
    await p.getByTestId('case-highlight-note').waitFor({ timeout: 15_000 });
    const dossierId = caseId.slice(0, caseId.indexOf(':'));
    const detail = await server.api<DossierDetailResponse>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}`);
    const c = detail.buckPassing.find((x) => x.id === caseId);
    expect(c, `case ${caseId} on its dossier`).toBeTruthy();
    return { c: c!, holds: detail.holds.length };
  }

  it(
    'lists the city’s cases and follows one to its dossier’s timeline with the cycle highlighted (desktop)',
    async () => {
      const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(p, server.url, 'e2e-bp-lanhdao');
      const { c, holds } = await followFirstCase(p, 'buck-passing-1440');
      const marks = await highlighted(p, holds);
      const inCase = (i: number) => i >= c.holds.first && i <= c.holds.last;
      expect(marks.bars).toEqual(Array.from({ length: holds }, (_, i) => (inCase(i) ? 'case' : 'dimmed')));
      expect(marks.rows).toEqual(Array.from({ length: holds }, (_, i) => inCase(i)));
      expect(await p.getByTestId(`dossier-case-${c.id}`).getAttribute('aria-current')).toBe('true');
      await p.getByTestId('dossier-timeline').scrollIntoViewIfNeeded();
      await screenshot(p, 'buck-passing-1440-evidence');
      expect(await axeViolations(p), 'the dossier with a case shown').toEqual([]);
      await p.close();
    },
    SLOW,
  );

  it(
    'works on a 360 px phone: cards instead of a wide table, no sideways scrolling, the same evidence',
    async () => {
      const p = await browser.newPage({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
      await signIn(p, server.url, 'e2e-bp-lanhdao');
      const { c, holds } = await followFirstCase(p, 'buck-passing-360');
      const marks = await highlighted(p, holds);
      expect(marks.bars.filter((b) => b === 'case')).toHaveLength(c.holds.last - c.holds.first + 1);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await p.getByTestId('dossier-timeline').scrollIntoViewIfNeeded();
      await screenshot(p, 'buck-passing-360-evidence');
      await p.goBack();
      await p.locator('[data-testid^="bp-case-"]').first().waitFor({ timeout: 15_000 });
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await p.close();
    },
    SLOW,
  );
});
