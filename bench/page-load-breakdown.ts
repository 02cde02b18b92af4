/**
 * Where the first load's time goes: one cold load of the dashboard (as bench/page-load.ts), with a
 * timeline on the page's clock: every resource's start and end, long tasks, the first map shape, all
 * 168 shapes, the live status, the load event. Run: npx tsx bench/page-load-breakdown.ts [--runs 3]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SourceMapConsumer } from 'source-map-js';
import { launchBrowser } from '../tests/e2e/browser.js';
import { startE2eServer } from '../tests/e2e/e2e-server.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    width: { type: 'string', default: '1920' },
    profile: { type: 'boolean', default: false },
    brief: { type: 'boolean', default: false },
    trace: { type: 'string' },
  },
});
const WATCH = `
window.__marks = {}; window.__long = [];
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true }); } catch {}
const mark = (k) => { if (window.__marks[k] === undefined) window.__marks[k] = Math.round(performance.now()); };
const check = () => {
  if (document.querySelector('#root > *')) mark('root rendered');
  if (document.querySelector('.leaflet-container')) mark('leaflet container');
  const n = document.querySelectorAll('[data-testid^="map-unit-"]').length;
  if (n > 0) mark('first unit shape');
  if (n >= 168) mark('168 shapes');
  if (document.querySelector('[data-testid="connection-status"][data-status="live"]')) mark('live');
  if (window.__marks['168 shapes'] !== undefined && window.__marks['live'] !== undefined) { mark('drawn and live'); return; }
  requestAnimationFrame(check);
};
requestAnimationFrame(check);
`;
/** What WATCH leaves on the page. */
interface Watched {
  __marks: Record<string, number>;
  __long: [number, number][];
}
const consumers = new Map<string, SourceMapConsumer | null>();
const server = await startE2eServer();
const browser = await launchBrowser();
try {
  for (let i = 0; i < Number(values.runs); i++) {
    const context = await browser.newContext({ viewport: { width: Number(values.width), height: 1080 } });
    const page = await context.newPage();
    await page.addInitScript(WATCH);
    const cdp = values.profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (values.trace)
      await browser.startTracing(page, {
        path: `${values.trace}-${i + 1}.json`,
        categories: ['devtools.timeline', 'blink.user_timing', 'loading'],
      });
    await page.goto(`${server.url}/?layout=geo`);
    await page.waitForFunction(() => (window as unknown as Watched).__marks['drawn and live'] !== undefined, null, { timeout: 30_000 });
    if (values.trace) await browser.stopTracing();
    if (cdp) {
      // The page's clock just before the profile's end (µs of the browser's monotonic clock): navigation is
      // that much earlier. A few ms off (the round trip between the two), less than a profile's window.
      const origin = await page.evaluate(() => performance.now());
      const profile = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
      // The first render's task (from its mark to the polygons'), where most of a load's script runs.
      const render = await page.evaluate(() => ['bdt:render', 'bdt:polygons'].map((n) => performance.getEntriesByName(n)[0]?.startTime));
      printProfile(profile, profile.endTime - origin * 1000, render);
    }
    await page.waitForTimeout(300);
    const out = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const rows: [number, string][] = [];
      rows.push([nav.responseEnd, 'html responseEnd']);
      rows.push([nav.domInteractive, 'domInteractive']);
      rows.push([nav.domContentLoadedEventEnd, 'DOMContentLoaded end']);
      rows.push([nav.loadEventEnd, 'load event end']);
      for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        const name = r.name.replace(location.origin, '');
        rows.push([r.startTime, `  start ${name} (${r.initiatorType})`]);
        rows.push([r.responseEnd, `  end   ${name} ${r.transferSize} B (ttfb ${Math.round(r.responseStart - r.requestStart)} ms)`]);
      }
      for (const m of performance.getEntriesByType('mark')) rows.push([m.startTime, `mark ${m.name}`]);
      for (const [k, v] of Object.entries((window as unknown as Watched).__marks)) rows.push([v, `** ${k}`]);
      for (const [s, d] of (window as unknown as Watched).__long) rows.push([s, `long task ${d} ms (to ${s + d})`]);
      for (const p of performance.getEntriesByType('paint')) rows.push([p.startTime, p.name]);
      return rows.sort((a, b) => a[0] - b[0]).map(([t, s]) => `${String(Math.round(t)).padStart(6)}  ${s}`);
    });
    if (values.brief) console.log(`run ${i + 1}: ${brief(out)}`);
    else console.log(`--- run ${i + 1}\n${out.join('\n')}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
/** The original file of a minified position (our module or a package), via the build's source maps. */
function originOf(url: string, line: number, col: number): string {
  return originalPosition(url, line, col).file;
}
/** The original file, line and name of a minified position. */
function originalPosition(url: string, line: number, col: number): { file: string; line?: number; name?: string } {
  const file = url.replace(/^.*\/assets\//, '');
  if (!url.includes('/assets/')) return { file: url ? url.replace(/^.*\//, '') : '(native)' };
  if (!consumers.has(file)) {
    const path = resolve('dist/client/assets', `${file}.map`);
    consumers.set(file, existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  const pos = consumers.get(file)?.originalPositionFor({ line: line + 1, column: col });
  if (!pos?.source) return { file };
  const nm = pos.source.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  return { file: nm ? nm[1] : pos.source.replace(/^(\.\.\/)+/, ''), line: pos.line ?? undefined, name: pos.name ?? undefined };
}
/** Self time by original file, in 100 ms windows of the profile, then in total. */
function printProfile(p: CpuProfile, navStartUs: number, render: (number | undefined)[]): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  const fns = new Map<string, number>();
  const inRender = new Map<string, number>();
  const inRenderFns = new Map<string, number>();
  const [renderFrom = Infinity, renderTo = -Infinity] = render;
  const windows = new Map<number, Map<string, number>>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    const k = f.functionName === '(idle)' ? '(idle)' : originOf(f.url, f.lineNumber, f.columnNumber);
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    total.set(k, (total.get(k) ?? 0) + ms);
    const o = f.functionName === '(idle)' ? { file: k } : originalPosition(f.url, f.lineNumber, f.columnNumber);
    const fk = `${o.name ?? (f.functionName || '(anon)')} [${k}${o.line ? `:${o.line}` : ''}]`;
    fns.set(fk, (fns.get(fk) ?? 0) + ms);
    const at = (t - navStartUs) / 1000;
    if (at >= renderFrom && at <= renderTo) {
      inRender.set(k, (inRender.get(k) ?? 0) + ms);
      inRenderFns.set(fk, (inRenderFns.get(fk) ?? 0) + ms);
    }
    const w = Math.floor(at / 100) * 100;
    const m = windows.get(w) ?? new Map<string, number>();
    m.set(k, (m.get(k) ?? 0) + ms);
    windows.set(w, m);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`);
  for (const [w, m] of [...windows].sort((a, b) => a[0] - b[0])) {
    const busy = [...m].filter(([k]) => k !== '(idle)').reduce((a, [, v]) => a + v, 0);
    if (busy >= 5) console.log(`${String(w).padStart(6)} busy ${busy.toFixed(0).padStart(3)} ms: ${top(m, 5).join(', ')}`);
  }
  console.log('--- self time by origin\n' + top(total, 30).join('\n'));
  console.log(`--- the first render, ${renderFrom.toFixed(0)}–${renderTo.toFixed(0)} ms, by origin\n` + top(inRender, 20).join('\n'));
  console.log('--- the first render by function\n' + top(inRenderFns, 30).join('\n'));
  console.log('--- self time by function\n' + top(fns, 40).join('\n'));
}

/** One line: the moments that matter, in order. */
function brief(rows: string[]): string {
  const keep = [
    /\*\* /,
    /mark bdt/,
    /load event end/,
    /end +\/api\/v1\/(overview|jurisdiction|auth\/me)/,
    /end +\/assets\/(vendor-react|GeoMap|vendor-map-.*js)/,
  ];
  return rows
    .filter((r) => keep.some((k) => k.test(r)))
    .map((r) =>
      r
        .trim()
        .replace(/\s+/, ' ')
        .replace(/\*\* /, '')
        .replace('mark bdt:', '')
        .replace(/ \d+ B \(ttfb (\d+) ms\)/, ' (ttfb $1)')
        .replace(/end +\/(api\/v1|assets)\//, ''),
    )
    .join(' | ');
}
