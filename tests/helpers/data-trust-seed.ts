/**
 * Data trust's tables in a seeded SQLite file (tests/helpers/item-seed.ts): flags of every rule on the
 * seed's dossiers and a daily jump, some reviewed either way, completions and every ward's daily
 * figures, written through the repository as the projection writer and the daily sweep write them.
 * Deterministic: the same rows each time.
 */
import type { Store } from '../../server/db/store.js';
import { vnDayIndex } from '../../server/domain/time.js';
import { DATA_TRUST_RULES } from '../../shared/contract/data-trust.js';
import { vn } from '../server/metrics/factories.js';
import { SEED_HANDLERS, SEED_UNITS } from './item-seed.js';

const H = 3_600_000;
/** The flags written (one per dossier of the first ones, and one daily jump). */
export const SEED_FLAGS = 25;
/** The data-trust tables, parents first (for copyTablesToPostgres). */
export const DATA_TRUST_TABLES = ['data_trust_flags', 'data_trust_reviews', 'data_trust_completions', 'data_trust_unit_days'] as const;

export function seedDataTrust(store: Store): void {
  const t = store.dataTrust;
  store.transaction(() => {
    for (let i = 0; i < SEED_FLAGS - 1; i++) {
      const dossierId = `HS-${String(i).padStart(3, '0')}`;
      const rule = DATA_TRUST_RULES[i % DATA_TRUST_RULES.length];
      const at = vn('2026-11-02T08:00') + i * 5 * H;
      const official = i % 3 === 2 ? null : { id: SEED_HANDLERS[i % 3].id, name: SEED_HANDLERS[i % 3].name };
      const evidence = [{ dossierId, eventId: `${dossierId}-e1`, type: 'received', at, arrivedAt: at + H, limitAt: i % 2 ? at - H : null }];
      t.upsertFlag({
        id: `${dossierId}:${rule}`,
        rule,
        unit: SEED_UNITS[i % 3],
        dossierId,
        receivedAt: at,
        official,
        raisedAt: at + 2 * H,
        evidence,
      });
      if (i % 4 === 1) t.review(`${dossierId}:${rule}`, i % 8 === 1 ? 'justified' : 'confirmed', `ghi chú ${i}`, 'giam-sat', at + 3 * H);
      t.setCompletion({
        dossierId,
        handlerId: SEED_HANDLERS[i % 3].id,
        handlerName: SEED_HANDLERS[i % 3].name,
        unit: SEED_UNITS[i % 3],
        receivedAt: at,
        at: at + D(1),
        eventId: `${dossierId}-e2`,
        arrivedAt: i % 2 ? at + D(1) : null,
      });
    }
    const day = vn('2026-11-10T00:00');
    const figure = { name: 'volume' as const, value: 40, median: 8, mad: 2, score: 16 };
    t.upsertFlag({
      id: `${SEED_UNITS[1]}:daily_jump:${vnDayIndex(day)}:volume`,
      rule: 'daily_jump',
      unit: SEED_UNITS[1],
      dossierId: null,
      receivedAt: day,
      official: null,
      raisedAt: day + 18 * H,
      evidence: [{ dossierId: null, eventId: null, type: 'daily_figure', at: day, arrivedAt: null, limitAt: null, figure }],
    });
    for (let d = vnDayIndex(vn('2026-11-01T00:00')); d < vnDayIndex(vn('2026-11-21T00:00')); d++) {
      for (const [k, unit] of SEED_UNITS.entries()) t.addUnitDay(unit, d, 3 + ((d + k) % 5), 2 + ((d * k) % 3), 1 + (d % 2));
    }
  });
}

function D(n: number): number {
  return n * 24 * H;
}
