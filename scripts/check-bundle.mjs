#!/usr/bin/env node
// Checks the built client against the bundle budget in scripts/bundle-budget.json (also shown in
// BENCHMARKS.md): the JavaScript a first visit loads (entry + modulepreloads of index.html without a media
// query, i.e. what a phone loads) and all
// JavaScript, gzip-compressed. Exits 1 naming every chunk over budget.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/client');
const budget = JSON.parse(readFileSync(join(root, 'scripts/bundle-budget.json'), 'utf8'));

export function measureBundle(dir = dist) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run npm run build first`);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // A phone's first visit: tags with a media query (the wide screen's map chunk) are not fetched there.
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]).filter((t) => !/\smedia=/.test(t));
  const initial = new Set(tags.flatMap((t) => [...t.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1])));
  const chunks = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const buf = readFileSync(join(dir, 'assets', f));
      return { file: `assets/${f}`, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    });
  const sum = (list) => list.reduce((a, c) => a + c.gzip, 0);
  return {
    initialGzip: sum(chunks.filter((c) => initial.has(c.file))),
    totalGzip: sum(chunks),
    largestChunk: chunks.sort((a, b) => b.gzip - a.gzip)[0],
    chunks,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = measureBundle();
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const problems = [];
  if (m.initialGzip > budget.initialGzipBytes) problems.push(`initial JS ${kb(m.initialGzip)} > budget ${kb(budget.initialGzipBytes)}`);
  if (m.totalGzip > budget.totalGzipBytes) problems.push(`total JS ${kb(m.totalGzip)} > budget ${kb(budget.totalGzipBytes)}`);
  for (const c of m.chunks)
    if (c.gzip > budget.chunkGzipBytes) problems.push(`${c.file} ${kb(c.gzip)} > chunk budget ${kb(budget.chunkGzipBytes)}`);
  console.log(
    `initial JS ${kb(m.initialGzip)} / ${kb(budget.initialGzipBytes)}, total JS ${kb(m.totalGzip)} / ${kb(budget.totalGzipBytes)} (gzip)`,
  );
  if (problems.length) {
    console.error(`bundle over budget:\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
}
