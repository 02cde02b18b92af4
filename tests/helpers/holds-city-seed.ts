/**
 * A city of dossiers passed between officials, in a real SQLite file, for the officials' counts in SQL
 * (tests/server/db/official-totals.shared.ts): each dossier held by one to five officials in turn (some
 * back and forth), a step with or without an allotted time, some paused for a supplement, some finished,
 * returned or withdrawn, officials whose name or unit changed between steps, and two officials of the
 * same name. Deterministic: a seeded generator, the same file each time.
 */
import { openDatabase, type Db } from '../../server/db/connection.js';
import { createStore, type Store } from '../../server/db/store.js';
import { foldDossier } from '../../server/domain/dossier.js';
import type { DossierEvent, HandlerRef } from '../../server/domain/types.js';
import { dossierRowExtras } from '../../server/projection/row-extras.js';
import { ctx, vn } from '../server/metrics/factories.js';

/** The city's time of the seeded reads. */
export const HOLDS_CITY_NOW = vn('2026-11-20T09:00');
export const HOLDS_CITY_UNITS = ['26737', '26740', '26743', '26746'] as const;
export const HOLDS_CITY_DOSSIERS = 240;
/** The seed's tables, parents first (for copyTablesToPostgres). */
export const HOLDS_CITY_TABLES = ['dossiers', 'holds', 'overdue_spans'] as const;

const H = 3_600_000;
const D = 24 * H;
const RENAMED_AT = vn('2026-11-10T00:00');
const PROCEDURES = [
  { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
  { code: '2.014', name: 'Cấp giấy phép xây dựng', field: 'Xây dựng', legalDays: 15 },
  { code: '3.120', name: 'Chứng thực bản sao', field: 'Chứng thực', legalDays: 1 },
];

/** Eight officials; cb-04 renamed and cb-05 moved on RENAMED_AT; cb-07 has cb-01's name. */
function handlerAt(k: number, at: number): HandlerRef {
  const later = at >= RENAMED_AT;
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', later ? 'Phạm Thị Dung (Phó CT)' : 'Phạm Thị Dung'];
  names.push('Hoàng Văn Em', 'Đỗ Thị Giang', 'Nguyễn Văn An', 'Vũ Văn Hải');
  const unit = k === 4 && later ? HOLDS_CITY_UNITS[0] : HOLDS_CITY_UNITS[k % 4];
  return { id: `cb-0${k + 1}`, name: names[k], unit };
}

/** mulberry32: a small seeded generator of [0, 1). */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One dossier's events, in time order, up to HOLDS_CITY_NOW. */
function dossierEvents(i: number, rand: () => number): DossierEvent[] {
  const id = `HD-${String(i).padStart(3, '0')}`;
  const pick = (n: number) => Math.floor(rand() * n);
  let at = vn('2026-10-12T08:00') + pick(38 * 24) * H;
  let n = 0;
  const e = (over: Record<string, unknown>) => ({ id: `${id}-e${++n}`, dossierId: id, ...over }) as DossierEvent;
  const unit = HOLDS_CITY_UNITS[pick(4)];
  const list: DossierEvent[] = [
    e({ type: 'received', at, unit, procedure: PROCEDURES[pick(3)], channel: 'online', dueAt: at + (1 + pick(15)) * D }),
  ];
  let handler = pick(8);
  for (let step = 0, steps = 1 + pick(5); step < steps; step++) {
    at += (1 + pick(60)) * H;
    // Back and forth: half the time the next holder is one of the two before.
    handler = rand() < 0.5 ? (handler + 1) % 8 : pick(8);
    const stepDueAt = rand() < 0.7 ? { stepDueAt: at + (4 + pick(45)) * H } : {};
    list.push(e({ type: 'assigned', at, handler: handlerAt(handler, at), ...stepDueAt }));
    if (rand() < 0.15) {
      list.push(e({ type: 'supplement_requested', at: at + 2 * H }));
      if (rand() < 0.7) list.push(e({ type: 'supplement_received', at: at + (3 + pick(30)) * H }));
      at += 34 * H;
    }
  }
  const end = rand();
  const endAt = at + (1 + pick(72)) * H;
  if (end < 0.45) list.push(e({ type: 'processed', at: endAt }));
  else if (end < 0.55) list.push(e({ type: 'returned', at: endAt }));
  else if (end < 0.6) list.push(e({ type: 'withdrawn', at: endAt }));
  return list.filter((ev) => ev.at <= HOLDS_CITY_NOW);
}

/** A new SQLite file at `file` holding the city's dossiers and holds; answers its store and connection (the caller closes the store). */
export function holdsCitySqlite(file: string): { store: Store; db: Db } {
  const db = openDatabase(file);
  const store = createStore(db, file);
  const extras = dossierRowExtras(ctx);
  const rand = generator(15);
  store.transaction(() => {
    for (let i = 0; i < HOLDS_CITY_DOSSIERS; i++) {
      const state = foldDossier(dossierEvents(i, rand), ctx);
      store.projections.saveDossier(null, state, extras(state));
    }
  });
  return { store, db };
}
