/**
 * The projection writer's thread starts without zod (about 0.4 s of CPU): nothing its module imports
 * at load time, directly or not, imports zod. (The schemas are loaded on that thread only when a
 * logged payload needs them: domain/logged-events.ts.) Type-only imports and dynamic import() do not count.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every module reached by static value imports from `entry`, with the packages each imports. */
function staticImports(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const packages: string[] = [];
    seen.set(file, packages);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.push(spec);
    }
  };
  visit(entry);
  return seen;
}

describe('the projection writer thread’s imports', () => {
  it('reach no module that imports zod', () => {
    const graph = staticImports(join(ROOT, 'server/projection/worker.ts'));
    const withZod = [...graph].filter(([, packages]) => packages.includes('zod')).map(([file]) => relative(ROOT, file));
    expect(graph.size).toBeGreaterThan(20);
    expect(withZod).toEqual([]);
  });

  it('would see zod through the module that holds the schemas (the check can fail)', () => {
    const graph = staticImports(join(ROOT, 'server/domain/wire-schemas.ts'));
    expect(graph.get(join(ROOT, 'server/domain/wire-schemas.ts'))).toContain('zod');
  });
});
