/**
 * Page load of the dashboard on localhost with the demo data: from navigation to all 168 units drawn
 * on the map with live data (connection status "live"), in headless Chromium, cold browser context each
 * run. Target: under 2 s. Run: npx tsx bench/page-load.ts [--runs 15]
 */
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/browser.js';
import { startE2eServer } from '../tests/e2e/e2e-server.js';
import { summarize } from './lib.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

const server = await startE2eServer();
const browser = await launchBrowser();
const times: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${server.url}/?layout=geo`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="map-unit-"]').length >= 168, null, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 30_000 });
    times.push(performance.now() - t0);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const s = summarize(times);
console.log(JSON.stringify({ bench: 'page-load', target: '< 2000 ms', runs, ...s }, null, 2));
