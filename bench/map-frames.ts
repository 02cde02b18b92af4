/**
 * Map frame time while the figures move (issues 15 and 18): the overview in Chromium with the 168 units
 * drawn, the server pushing 10 updates a second (a delta flush every 100 ms, each carrying new dossiers
 * for ≈ 17 units, so every unit changes about once a second). For --seconds the page records every
 * requestAnimationFrame interval; Chromium's own counters (CDP Performance.getMetrics) give the main
 * thread's busy time — script, style, layout — over the same window, per update applied. Both map
 * layouts: the geographic map (Leaflet SVG paths) and the tile cartogram. Target: frame p95 ≤ 16 ms
 * (a 60 Hz frame is 16.7 ms: p95 at one frame means no dropped frames at the 95th percentile).
 * Headless, no GPU: drawing is done in software, so absolute figures are pessimistic.
 * --jurisdiction vn: the country (3,321 communes posted to, 34 provinces drawn at country level, rolled up
 * live), and with --province CODE that province's communes after a drill (`?province=`).
 * Run: npx tsx bench/map-frames.ts [--seconds 10] [--layouts geo,tiles] [--jurisdiction vn [--province 01]]
 * [--cpu-profile PREFIX] [--trace PREFIX] (then `npx tsx bench/trace-summary.ts PREFIX-geo.json`)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/browser.js';
import { startE2eServer } from '../tests/e2e/e2e-server.js';
import { toVnIso } from '../server/domain/time.js';
import { summarize } from './lib.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    layouts: { type: 'string', default: 'geo,tiles' },
    jurisdiction: { type: 'string', default: 'hcmc' },
    province: { type: 'string' },
    // Writes the page's CPU profile of the measured window to <prefix>-<layout>.cpuprofile (for DevTools).
    'cpu-profile': { type: 'string' },
    // Writes a Chromium trace of the measured window to <prefix>-<layout>.json (devtools.timeline: paint, style, layout).
    trace: { type: 'string' },
    // A what-if: a style sheet added to the page before measuring (e.g. 'path { animation: none !important }').
    'extra-css': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const UPDATES_PER_S = 10;
const UNITS_PER_UPDATE = 17;

/** Installed before the page's scripts: rAF intervals and how many times a map unit's colour or value changed. */
const RECORD = `
window.__frames = { on: false, deltas: [], last: 0, unitChanges: 0 };
const tick = (t) => { const f = window.__frames; if (f.on && f.last) f.deltas.push(t - f.last); f.last = t; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver((list) => { if (window.__frames.on) for (const m of list) if (m.target.dataset?.testid?.startsWith('map-unit-')) window.__frames.unitChanges++; })
    .observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-label', 'fill', 'data-level'] });
});
`;

const national = values.jurisdiction === 'vn';
const server = await startE2eServer({ deltaFlushMs: 1000 / UPDATES_PER_S, jurisdiction: national ? 'vn' : 'hcmc' });
const browser = await launchBrowser();
const { units: allUnits } = await server.api<{ units: { code: string; province?: string }[] }>('/api/v1/jurisdiction');
// Drilled into one province: only its communes move (the others would change nothing on that screen).
const units = values.province ? allUnits.filter((u) => u.province === values.province) : allUnits;
/** The map cells the screen draws: provinces at country level, else the units posted to. */
const cells = national && !values.province ? 34 : units.length;
const query = values.province ? `&province=${values.province}` : '';
let seq = 0;
/** One batch of new dossiers, received three days ago and due yesterday (so each unit's overdue count moves). */
async function postUpdate(): Promise<void> {
  const now = Date.now();
  const events = Array.from({ length: UNITS_PER_UPDATE }, () => {
    const n = seq++;
    return {
      id: `frames-${now}-${n}`,
      type: 'received',
      dossierId: `FRAMES-${now}-${n}`,
      at: toVnIso(now - 3 * 86_400_000),
      unit: units[n % units.length].code,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 1 },
      channel: 'in_person',
      dueAt: toVnIso(now - 86_400_000),
    };
  });
  await fetch(`${server.url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
    body: JSON.stringify({ events }),
  });
}

type Metrics = Record<string, number>;
const results: Record<string, unknown>[] = [];
try {
  for (const layout of values.layouts.split(',')) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(RECORD);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.url}/?layout=${layout}${query}`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length >= n, cells, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 30_000 });
    if (values['extra-css']) await page.addStyleTag({ content: values['extra-css'] });
    await page.waitForTimeout(2_000);
    const metrics = async (): Promise<Metrics> =>
      Object.fromEntries(
        ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [
          m.name,
          m.value,
        ]),
      );
    const before = await metrics();
    if (values['cpu-profile']) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    if (values.trace) await browser.startTracing(page, { path: `${values.trace}-${layout}.json`, categories: ['devtools.timeline'] });
    await page.evaluate(() => ((window as unknown as { __frames: { on: boolean } }).__frames.on = true));
    const end = Date.now() + seconds * 1000;
    let posted = 0;
    while (Date.now() < end) {
      const t = Date.now();
      await postUpdate();
      posted++;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / UPDATES_PER_S - (Date.now() - t))));
    }
    await page.waitForTimeout(500);
    const f = await page.evaluate(() => {
      const w = (window as unknown as { __frames: { on: boolean; deltas: number[]; unitChanges: number } }).__frames;
      w.on = false;
      return { deltas: w.deltas, unitChanges: w.unitChanges };
    });
    const after = await metrics();
    if (values.trace) await browser.stopTracing();
    if (values['cpu-profile']) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(`${values['cpu-profile']}-${layout}.cpuprofile`, JSON.stringify(profile));
    }
    const busy = (k: string) => Math.round((after[k] - before[k]) * 1000);
    const s = summarize(f.deltas);
    results.push({
      layout,
      jurisdiction: values.jurisdiction,
      province: values.province ?? null,
      cellsDrawn: cells,
      seconds,
      updatesPosted: posted,
      unitChangesSeen: f.unitChanges,
      frames: f.deltas.length,
      frameMsP50: +s.p50.toFixed(1),
      frameMsP95: +percentile(f.deltas, 0.95).toFixed(1),
      frameMsP99: +s.p99.toFixed(1),
      frameMsMax: +s.max.toFixed(1),
      framesOver20ms: f.deltas.filter((d) => d > 20).length,
      mainThreadBusyMs: {
        task: busy('TaskDuration'),
        script: busy('ScriptDuration'),
        style: busy('RecalcStyleDuration'),
        layout: busy('LayoutDuration'),
      },
      mainThreadMsPerUpdate: +(((after.TaskDuration - before.TaskDuration) * 1000) / posted).toFixed(2),
      // CPU time, not wall time: comparable on a loaded machine (the main thread's, and the renderer process's).
      mainThreadCpuMsPerUpdate: +(((after.ThreadTime - before.ThreadTime) * 1000) / posted).toFixed(2),
      rendererCpuMsPerUpdate: +(((after.ProcessTime - before.ProcessTime) * 1000) / posted).toFixed(2),
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

console.log(
  JSON.stringify(
    { bench: 'map-frames', target: 'frame p95 <= 16 ms at 10 updates/s, 168 units', updatesPerS: UPDATES_PER_S, results },
    null,
    2,
  ),
);
