/**
 * First load on a phone (issue 18): a 390 × 844 touch screen with a Lighthouse-style mobile profile —
 * CPU slowed 4× and "fast 3G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) — from navigation to
 * the KPI tiles showing figures and the map (the tile cartogram, a phone's default) drawn with all 168
 * units. Cold browser context each run, no service worker (a first visit). Target: ≤ 3 s.
 * Run: npx tsx bench/mobile-load.ts [--runs 7]
 */
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/browser.js';
import { startE2eServer } from '../tests/e2e/e2e-server.js';
import { summarize } from './lib.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);

/** Lighthouse's "fast 3G" (its mobile default, simulated) and its 4× CPU slowdown. */
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const server = await startE2eServer();
const browser = await launchBrowser();
const times: number[] = [];
const bytes: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let received = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (received += e.encodedDataLength));
    const t0 = performance.now();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-overdue-value"]')?.textContent ?? ''), null, {
      timeout: 60_000,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="map-unit-"]').length >= 168, null, { timeout: 60_000 });
    times.push(performance.now() - t0);
    bytes.push(received);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const s = summarize(times);
const kb = summarize(bytes.map((b) => b / 1024));
console.log(
  JSON.stringify(
    { bench: 'mobile-load', target: '<= 3000 ms', profile: '390x844, 4x CPU, fast 3G', runs, ...s, transferKbMedian: Math.round(kb.p50) },
    null,
    2,
  ),
);
