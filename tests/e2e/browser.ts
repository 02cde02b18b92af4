import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { E2E_PASSWORD } from './e2e-server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS_DIR = resolve(process.cwd(), 'test-artifacts');

/** Launches Debian's Chromium headless, with the flags this closed network needs (and `extraArgs`, e.g. `--lang=en-US`). */
export async function launchBrowser(executablePath = CHROMIUM_PATH, extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // Chromium 15x starts its omnibox popup's WebUI (≈ 200 modules, 1–2 s of CPU) in a renderer of its own
      // for every new context's window, at the same moment as the page under test: on two cores that CPU was
      // taken from the page's load. A user's browser has its window open before the dashboard loads.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
      ...extraArgs,
    ],
  });
}

/** Saves a full-page screenshot to test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Signs in on the login page already open (its Vietnamese labels) and waits for the signed-in header
 * (its user name is in the page; on a phone it sits in the header's closed menu).
 */
export async function signInOnPage(page: Page, username: string, password: string, timeout = 15_000): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-name').waitFor({ state: 'attached', timeout });
}

export interface SignedInOptions {
  /** The page's size (in a context, set on the new page). */
  viewport?: { width: number; height: number };
  /** Where the login page sends the user afterwards (`?next=`). */
  next?: string;
  password?: string;
  /** How long the login page and the signed-in header may take (a loaded machine, a national pack). */
  timeout?: number;
}

/** A new page of `on` (a browser or a context) signed in as `username` through the login page of `base`. */
export async function openSignedIn(on: Browser | BrowserContext, base: string, username: string, o: SignedInOptions = {}): Promise<Page> {
  const timeout = o.timeout ?? 15_000;
  const page = 'newContext' in on ? await on.newPage(o.viewport ? { viewport: o.viewport } : {}) : await on.newPage();
  if (!('newContext' in on) && o.viewport) await page.setViewportSize(o.viewport);
  await page.goto(`${base}/login${o.next ? `?next=${encodeURIComponent(o.next)}` : ''}`);
  await page.getByTestId('login-page').waitFor({ timeout });
  await signInOnPage(page, username, o.password ?? E2E_PASSWORD, timeout);
  return page;
}
