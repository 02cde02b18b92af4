/**
 * A small city's projections in a real SQLite file, for the item and detail stores' shared suites:
 * dossiers of three wards with every kind of history (in progress, past due, two supplement requests,
 * awaiting supplement, finished early, on time and late, withdrawn, stopped), held by three officials, and
 * directive tasks of every status, with their events in the log, a few buck-passing cases, and reminders and
 * explanation requests sent by one leader. Deterministic: the same file each time.
 */
import { openDatabase, type Db } from '../../server/db/connection.js';
import { createStore, type Store } from '../../server/db/store.js';
import { foldDossier } from '../../server/domain/dossier.js';
import { foldTask } from '../../server/domain/task.js';
import type { DossierEvent, HandlerRef, TaskEvent } from '../../server/domain/types.js';
import { dossierRowExtras } from '../../server/projection/row-extras.js';
import { ctx, vn } from '../server/metrics/factories.js';

/** The city's time of the seeded reads: every list classifies at this instant. */
export const SEED_NOW = vn('2026-11-20T09:00');
export const SEED_UNITS = ['26737', '26740', '26743'] as const;
export const SEED_HANDLERS: HandlerRef[] = [
  { id: 'cb-01', name: 'Nguyễn Văn An', unit: '26737' },
  { id: 'cb-02', name: 'Trần Thị Bình', unit: '26740' },
  { id: 'cb-03', name: 'Lê Văn Cường', unit: '26743' },
];
const PROCEDURES = [
  { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 },
  { code: '2.014', name: 'Cấp giấy phép xây dựng', field: 'Xây dựng', legalDays: 15 },
  { code: '3.120', name: 'Chứng thực bản sao', field: 'Chứng thực', legalDays: 1 },
];
const H = 3_600_000;
const D = 24 * H;

/** One dossier's events: its shape chosen by `i` (every shape appears in each ward). */
function dossierEvents(i: number): DossierEvent[] {
  const id = `HS-${String(i).padStart(3, '0')}`;
  const at = vn('2026-11-02T08:00') + i * 5 * H;
  const unit = SEED_UNITS[i % 3];
  const dueAt = at + (3 + (i % 11)) * D;
  let n = 0;
  const e = (over: Record<string, unknown>) => ({ id: `${id}-e${++n}`, dossierId: id, ...over }) as DossierEvent;
  const list: DossierEvent[] = [
    e({ type: 'received', at, unit, procedure: PROCEDURES[i % 3], channel: i % 4 === 0 ? 'direct' : 'online', dueAt }),
  ];
  if (i % 5 !== 4) list.push(e({ type: 'assigned', at: at + H, handler: SEED_HANDLERS[(i >> 1) % 3], stepDueAt: at + 2 * D }));
  switch (i % 8) {
    case 1:
      list.push(e({ type: 'processed', at: at + 2 * D }));
      break;
    case 2:
      list.push(e({ type: 'processed', at: dueAt + 2 * D }));
      break;
    case 3:
      list.push(e({ type: 'supplement_requested', at: at + 3 * H }), e({ type: 'supplement_received', at: at + 6 * H }));
      list.push(e({ type: 'supplement_requested', at: at + 9 * H }), e({ type: 'supplement_received', at: at + 12 * H }));
      break;
    case 4:
      list.push(e({ type: 'supplement_requested', at: at + 3 * H }));
      break;
    case 5:
      list.push(e({ type: 'withdrawn', at: at + D }));
      break;
    case 6:
      list.push(e({ type: i % 16 === 6 ? 'stopped' : 'returned', at: at + D }));
      break;
    default:
  }
  return list.filter((ev) => ev.at <= SEED_NOW);
}

function taskEvents(i: number): TaskEvent[] {
  const id = `NV-${String(i).padStart(3, '0')}`;
  const at = vn('2026-11-03T08:00') + i * 7 * H;
  const assignee = i % 4 === 3 ? 'STP' : SEED_UNITS[i % 3];
  let n = 0;
  const e = (over: Record<string, unknown>) => ({ id: `${id}-e${++n}`, taskId: id, ...over }) as TaskEvent;
  const due = i % 6 === 5 ? {} : { dueAt: at + (2 + (i % 13)) * D };
  const document = { number: `${100 + ((i * 37) % 50)}/UBND-VX`, date: '2026-11-01' };
  const issuer = i % 2 ? 'UBND TP' : 'Văn phòng UBND';
  const list: TaskEvent[] = [e({ type: 'assigned', at, title: `Nhiệm vụ ${i}`, document, issuer, assignee, ...due })];
  if (i % 5 === 1) list.push(e({ type: 'completed', at: at + 2 * D }));
  if (i % 5 === 2) list.push(e({ type: 'completed', at: at + 14 * D }));
  if (i % 7 === 3) list.push(e({ type: 'cancelled', at: at + D }));
  if (i % 9 === 4) list.push(e({ type: 'extended', at: at + D, dueAt: at + 30 * D, reason: 'xin gia hạn' }));
  return list.filter((ev) => ev.at <= SEED_NOW);
}

export const SEED_DOSSIERS = 72;
export const SEED_TASKS = 40;

/** Writes the seed into the store's file: the log (one source per kind) and the projections of its events. */
export function seedItems(store: Store): void {
  const extras = dossierRowExtras(ctx);
  store.transaction(() => {
    const dossierSource = store.sources.create('seed-dossiers', 'dossier', 'seed-hash-d', SEED_NOW).id;
    const taskSource = store.sources.create('seed-tasks', 'task', 'seed-hash-t', SEED_NOW).id;
    const log = (source: number, kind: 'dossier' | 'task', itemId: string, ev: DossierEvent | TaskEvent) =>
      store.events.append(source, ev.id, kind, itemId, ev.type, ev.at, ev.at + 60_000, JSON.stringify(ev));
    for (let i = 0; i < SEED_DOSSIERS; i++) {
      const events = dossierEvents(i);
      for (const ev of events) log(dossierSource, 'dossier', ev.dossierId, ev);
      const state = foldDossier(events, ctx);
      store.projections.saveDossier(null, state, extras(state));
    }
    for (let i = 0; i < SEED_TASKS; i++) {
      const events = taskEvents(i);
      for (const ev of events) log(taskSource, 'task', ev.taskId, ev);
      store.projections.saveTask(foldTask(events));
    }
  });
}

/** A new SQLite file at `file` holding the seed; answers its store and connection (the caller closes the store). */
export function seededSqlite(file: string): { store: Store; db: Db } {
  const db = openDatabase(file);
  const store = createStore(db, file);
  seedItems(store);
  seedBuckPassing(db);
  seedRequests(store, db);
  return { store, db };
}

/** A few buck-passing cases and their parties (the officials' scorecards count them), written as the projection writer stores them. */
function seedBuckPassing(db: Db): void {
  const kase = db.prepare(
    `INSERT INTO buck_passing_cases (dossier_id, rule, first_hold, last_hold, unit, received_at, first_at, last_at, lost_ms, ongoing, officials)
     VALUES (?, 'bounce', 0, 2, ?, ?, ?, ?, 3600000, 0, ?)`,
  );
  const party = db.prepare(
    `INSERT INTO buck_passing_parties (dossier_id, rule, first_hold, handler_id, handler_unit, last_at) VALUES (?, 'bounce', 0, ?, ?, ?)`,
  );
  for (let i = 0; i < 9; i++) {
    const id = `HS-${String(i * 7).padStart(3, '0')}`;
    const at = vn('2026-11-05T08:00') + i * 26 * H;
    const [a, b] = [SEED_HANDLERS[i % 3], SEED_HANDLERS[(i + 1) % 3]];
    kase.run(id, SEED_UNITS[i % 3], at - D, at, at + 2 * H, JSON.stringify([a, b].map((h) => ({ id: h.id, name: h.name, unit: h.unit }))));
    for (const h of [a, b]) party.run(id, h.id, h.unit, at + 2 * H);
  }
}

/** The leader who sent the seed's requests (users.id). */
export const SEED_SENDER_ID = 1;

/**
 * Reminders and explanation requests about a dossier of each official, one a day from 3 Nov (the
 * officials' scorecards count them for the holder when sent), and one about a ward's backlog (no holder).
 */
function seedRequests(store: Store, db: Db): void {
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, 'lanh-dao', 'Lãnh đạo thành phố', 'city_leader', 'x', ?)`,
  ).run(SEED_SENDER_ID, SEED_NOW);
  for (let i = 0; i < 12; i++) {
    const holder = SEED_HANDLERS[i % 3];
    const explanation = i % 4 === 1;
    store.reminders.create({
      unit: holder.unit,
      dossierId: `HS-${String(i * 5).padStart(3, '0')}`,
      message: `Nhắc việc ${i}`,
      sentBy: SEED_SENDER_ID,
      sentAt: vn('2026-11-03T10:00') + i * D,
      kind: explanation ? 'explanation' : 'reminder',
      holder,
      answerDueAt: explanation ? vn('2026-11-03T10:00') + (i + 3) * D : null,
    });
  }
  store.reminders.create({
    unit: SEED_UNITS[1],
    dossierId: null,
    message: 'Tồn đọng',
    sentBy: SEED_SENDER_ID,
    sentAt: vn('2026-11-10T15:00'),
  });
}

/** The seed's tables, parents first (for copyTablesToPostgres). */
export const ITEM_TABLES = [
  'sources',
  'events',
  'dossiers',
  'holds',
  'tasks',
  'overdue_spans',
  'buck_passing_cases',
  'buck_passing_parties',
  'users',
  'reminders',
] as const;
