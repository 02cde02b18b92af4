/**
 * What a V8 heap snapshot holds, by node type and constructor name (self sizes, counts), and how two or
 * more snapshots differ: what grew between them (bench/memory-soak.ts --heap-snapshots writes them).
 *   npx tsx bench/heap-summary.ts A.heapsnapshot B.heapsnapshot [--top 30]
 * Self sizes only (no retained sizes): a Map's backing store shows as its own "(system)"/array entries.
 */
import { readFileSync } from 'node:fs';
import { isMain, numArg, round, runMain } from './lib.js';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes and count per "type:name" of one snapshot file. */
export function summarise(file: string): Map<string, { bytes: number; count: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const f = s.snapshot.meta.node_fields;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < s.nodes.length; i += f.length) {
    const type = types[s.nodes[i + iType]];
    // Strings and code are many distinct names: one bucket per type.
    const name = type === 'object' || type === 'closure' || type === 'array' ? s.strings[s.nodes[i + iName]].slice(0, 60) : '';
    const k = `${type}:${name}`;
    const e = out.get(k) ?? { bytes: 0, count: 0 };
    e.bytes += s.nodes[i + iSize];
    e.count++;
    out.set(k, e);
  }
  return out;
}

export async function main(args: Map<string, string>) {
  const files = process.argv.slice(2).filter((a) => a.endsWith('.heapsnapshot'));
  const top = numArg(args, 'top', 30);
  const sums = files.map(summarise);
  const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((a, b) => a + b.bytes, 0);
  const last = sums[sums.length - 1];
  const first = sums[0];
  const rows = [...last.entries()]
    .map(([k, v]) => ({ k, v, grew: v.bytes - (first.get(k)?.bytes ?? 0) }))
    .sort((a, b) => b.grew - a.grew)
    .slice(0, top)
    .map(({ k }) => ({
      what: k,
      mib: sums.map((m) => round((m.get(k)?.bytes ?? 0) / 2 ** 20, 2)),
      count: sums.map((m) => m.get(k)?.count ?? 0),
    }));
  const biggest = [...last.entries()]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, top)
    .map(([k, v]) => ({ what: k, mib: round(v.bytes / 2 ** 20, 2), count: v.count }));
  return { files, totalMiB: sums.map((m) => round(total(m) / 2 ** 20, 1)), grewMost: rows, biggestInLast: biggest };
}

if (isMain(import.meta.url)) void runMain('heap-summary', main);
