/**
 * The national portal's published figures of a period, as the index routes compare them with ours:
 * read from the store once per period and kept until an import changes them. `npm run index:import`
 * runs in another process, so each use first reads the import counter (one indexed row of `meta`).
 */
import type { PortalIndexStore } from '../db/index-store/contract.js';
import type { PublishedFigure } from '../domain/portal-comparison.js';
import { civilFromDays, toVnIso, vnDayIndex } from '../domain/time.js';
import type { ResolvedPeriod } from '../metrics/named-periods.js';

/** Periods kept at once: far more than a session looks at between two imports. */
const MAX_PERIODS = 32;

/** The name a calendar period is stored under (`2026-10`, `2026-Q3`, `2026`), whatever it was asked as (`month`). */
export function storedPeriodName(p: Pick<ResolvedPeriod, 'kind' | 'from'>): string | null {
  const [y, m] = civilFromDays(vnDayIndex(p.from));
  if (p.kind === 'year') return String(y);
  if (p.kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (p.kind === 'month') return `${y}-${String(m).padStart(2, '0')}`;
  return null;
}

export function createPortalFigures(repo: Pick<PortalIndexStore, 'figuresOf' | 'version'>) {
  let version = -1;
  const byPeriod = new Map<string, Map<string, PublishedFigure>>();

  return {
    /** The published figures of a period by code (`city` for the city); empty when none was imported. */
    async of(p: Pick<ResolvedPeriod, 'kind' | 'from'>): Promise<ReadonlyMap<string, PublishedFigure>> {
      const name = storedPeriodName(p);
      if (name === null) return new Map();
      const v = await repo.version();
      if (v !== version || byPeriod.size > MAX_PERIODS) {
        byPeriod.clear();
        version = v;
      }
      let figures = byPeriod.get(name);
      if (figures === undefined) {
        figures = new Map(
          (await repo.figuresOf(name)).map(
            (f) => [f.code, { total: f.total, groups: f.groups, importedAt: toVnIso(f.importedAt), source: f.source }] as const,
          ),
        );
        byPeriod.set(name, figures);
      }
      return figures;
    },
  };
}

export type PortalFigures = ReturnType<typeof createPortalFigures>;
