/**
 * A DVCQG snapshot of a dossier + the dossier's latest known state → the native events that explain
 * the difference (README, "National sync format (DVCQG)" has the table). Pure.
 *
 * - Nothing the state already shows is sent again, so the same snapshot twice adds nothing; event ids
 *   are derived from the event's content, so a repeat that slips through is a duplicate, not a new fact.
 * - Progress only moves forward: a snapshot behind the state (an open status for a finished dossier,
 *   fewer supplement requests than known, 9 after 10) adds nothing.
 * - Where a status says something happened but the record does not date it (5 without an open
 *   DanhSachHoSoBoSung entry, 7, 8, 3 without NgayTuChoi/NgayKetThucXuLy), the snapshot's arrival time
 *   is used: the latest instant it can have happened. 9 and 10 are never dated that way: their dates
 *   decide lateness, so the record must carry them (dvcqg-record.ts).
 * - 6 (awaiting financial obligation) has no native event: the dossier stays in progress.
 */
import type { DvcqgRecord, DvcqgStep } from './dvcqg-record.js';
import { toVnIso } from './time.js';
import type { DossierState, IndexFieldsInput, WorkCalendar } from './types.js';
import { foldName } from './dvcqg-units.js';

export interface DvcqgMapContext {
  calendar: WorkCalendar;
  /** When the snapshot arrived (epoch ms): the date of status changes the record does not date. */
  arrivalAt: number;
  /** The catalogue's legal time (working days) of a procedure code; undefined when not catalogued. */
  legalDaysOf?: (procedureCode: string) => number | undefined;
}

/** A native wire event (as POST /ingest/dossiers takes it) and the DVCQG field it comes from. */
export interface MappedEvent {
  event: Record<string, unknown>;
  /** The record's field that explains it, to name it in errors (e.g. "NgayKetThucXuLy"). */
  field: string;
}

interface Draft {
  type: string;
  at: number;
  field: string;
  body: Record<string, unknown>;
}

/** The events a DongBoHoSoMC record adds to the dossier's latest known state (null: unknown dossier). */
export function mapDvcqgRecord(r: DvcqgRecord, state: DossierState | null, ctx: DvcqgMapContext): MappedEvent[] {
  if (r.status === 1 || isBehind(r, state)) return [];
  const drafts: Draft[] = [];
  if (r.receivedAt !== null && r.dueAt !== null && r.procedure && receiptChanged(r, state)) drafts.push(receipt(r, ctx));
  // After the end of processing the fold ignores assignments and supplements: none are sent.
  if ((state?.endKind ?? null) === null) {
    drafts.push(...supplements(r, state, ctx));
    for (let i = 0; i < r.steps.length; i++) {
      const d = stepDraft(r.steps[i], r.unit, state, `QuaTrinhXuLy[${i}]`);
      if (d) drafts.push(d);
    }
  }
  drafts.push(...ends(r, state, ctx));
  return finish(r.dossierId, drafts);
}

/** The `assigned` events of CapNhatTienDoHoSoMC steps for a known dossier (its unit from its state). */
export function mapDvcqgSteps(dossierId: string, steps: readonly DvcqgStep[], state: DossierState, path: string): MappedEvent[] {
  if (state.endKind !== null || state.unit === null) return [];
  const drafts: Draft[] = [];
  steps.forEach((s, i) => {
    const d = stepDraft(s, state.unit!, state, steps.length > 1 ? `${path}[${i}]` : path);
    if (d) drafts.push(d);
  });
  return finish(dossierId, drafts);
}

/** A snapshot that shows less progress than the state: an older one, arriving late. */
function isBehind(r: DvcqgRecord, s: DossierState | null): boolean {
  if (!s) return false;
  const open = r.status === 2 || r.status === 4 || r.status === 5 || r.status === 6;
  if (open && (s.endKind === 'processed' || s.endKind === 'returned')) return true;
  if (r.status === 9 && s.returnedAt !== null) return true;
  return r.supplements !== null && r.supplements.length < s.supplementRequests;
}

function receiptChanged(r: DvcqgRecord, s: DossierState | null): boolean {
  if (!s || s.receivedAt === null || !s.procedure) return true;
  const p = r.procedure!;
  if (s.unit !== r.unit || s.receivedAt !== r.receivedAt || s.channel !== r.channel) return true;
  if (s.procedure.code !== p.code || s.procedure.name !== p.name || s.procedure.field !== p.field) return true;
  // NgayHenTra may follow the due date moved by a supplement (NgayHenTraMoi): that is no correction.
  const knownDue = [s.originalDueAt, s.dueAt, ...(r.supplements ?? []).map((x) => x.newDueAt)];
  if (!knownDue.includes(r.dueAt)) return true;
  return indexChanged(r.index, s);
}

function indexChanged(f: IndexFieldsInput, s: DossierState): boolean {
  const known = s.index;
  if (f.fee !== undefined && known?.hasFee !== f.fee > 0) return true;
  for (const k of ['paidOnline', 'electronicResult', 'digitized', 'reusedData', 'citizenDataConnected'] as const) {
    if (f[k] !== undefined && known?.[k] !== f[k]) return true;
  }
  return false;
}

/**
 * The receipt. DVCQG sends no legal time: the catalogue's when it knows the procedure (so a due date
 * beyond the law is flagged), else the working days from receipt to NgayHenTra (which then cannot be).
 */
function receipt(r: DvcqgRecord, ctx: DvcqgMapContext): Draft {
  const { calendar } = ctx;
  const catalogued = ctx.legalDaysOf?.(r.procedure!.code);
  const working = calendar.workingMsBetween(r.receivedAt!, r.dueAt!) / calendar.workingMsPerDay;
  const legalDays = catalogued ?? Math.min(365, Math.max(1, Math.ceil(working - 1e-9)));
  return {
    type: 'received',
    at: r.receivedAt!,
    field: 'NgayTiepNhan',
    body: {
      unit: r.unit,
      procedure: { ...r.procedure!, legalDays },
      channel: r.channel,
      dueAt: toVnIso(r.dueAt!),
      ...r.index,
    },
  };
}

function supplements(r: DvcqgRecord, s: DossierState | null, ctx: DvcqgMapContext): Draft[] {
  const out: Draft[] = [];
  const known = s?.supplementRequests ?? 0;
  const pauses = s?.pauses ?? [];
  (r.supplements ?? []).forEach((x, i) => {
    const p = `DanhSachHoSoBoSung[${x.index}]`;
    if (i >= known) out.push({ type: 'supplement_requested', at: x.requestedAt, field: `${p}.NgayBoSung`, body: {} });
    if (x.receivedAt !== null && !(pauses[i] && pauses[i].to !== null)) {
      const body = x.newDueAt !== null ? { dueAt: toVnIso(x.newDueAt) } : {};
      out.push({ type: 'supplement_received', at: x.receivedAt, field: `${p}.NgayTiepNhanBoSung`, body });
    }
  });
  const list = r.supplements;
  const pending = list !== null ? list[list.length - 1].receivedAt === null : s?.status === 'supplement_requested';
  if (r.status === 5 && !pending) {
    out.push({ type: 'supplement_requested', at: ctx.arrivalAt, field: 'TrangThaiHoSo', body: {} });
  } else if ((r.status === 2 || r.status === 4 || r.status === 6) && pending && list === null) {
    // Back in progress with no list to date it: the supplement came back by the time of this snapshot.
    out.push({ type: 'supplement_received', at: ctx.arrivalAt, field: 'TrangThaiHoSo', body: {} });
  }
  return out;
}

/** A handler's id: the unit and the folded name (DVCQG sends no official's id). */
export function dvcqgHandlerId(unit: string, name: string): string {
  return `dvcqg:${unit}:${foldName(name).replace(/ /g, '-')}`.slice(0, 200);
}

function stepDraft(step: DvcqgStep, unit: string, s: DossierState | null, path: string): Draft | null {
  const id = dvcqgHandlerId(unit, step.handlerName);
  if (s?.holds.some((h) => h.handlerId === id && h.from === step.at)) return null;
  const body: Record<string, unknown> = { handler: { id, name: step.handlerName, unit } };
  if (step.dueAt !== null) body.stepDueAt = toVnIso(step.dueAt);
  return { type: 'assigned', at: step.at, field: path ? `${path}.ThoiDiemXuLy` : 'ThoiDiemXuLy', body };
}

const CLOSING: Partial<Record<number, 'refused' | 'withdrawn' | 'stopped'>> = { 3: 'refused', 7: 'withdrawn', 8: 'stopped' };

function ends(r: DvcqgRecord, s: DossierState | null, ctx: DvcqgMapContext): Draft[] {
  const out: Draft[] = [];
  if ((r.status === 9 || r.status === 10) && r.processedAt !== null && s?.endKind !== 'processed') {
    out.push({ type: 'processed', at: r.processedAt, field: 'NgayKetThucXuLy', body: {} });
  }
  if (r.status === 10 && r.returnedAt !== null && (s?.returnedAt ?? null) === null) {
    out.push({ type: 'returned', at: r.returnedAt, field: 'NgayTra', body: {} });
  }
  const closing = CLOSING[r.status];
  if (closing && (s?.endKind ?? null) === null) {
    const dated = closing === 'refused' ? (r.refusedAt ?? r.processedAt) : r.processedAt;
    out.push({ type: closing, at: dated ?? ctx.arrivalAt, field: dated !== null ? 'NgayKetThucXuLy' : 'TrangThaiHoSo', body: {} });
  }
  return out;
}

/** Sorted by time (stable), encoded, with ids from their content. */
function finish(dossierId: string, drafts: Draft[]): MappedEvent[] {
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.at - b.d.at || a.i - b.i)
    .map(({ d }) => {
      const content = { type: d.type, dossierId, at: toVnIso(d.at), ...d.body };
      const id = `dvcqg:${dossierId}:${d.type}:${contentHash(JSON.stringify(content))}`;
      return { event: { id, ...content }, field: d.field };
    });
}

/** 64 bits of FNV-1a (two 32-bit lanes), hex: stable across runs and machines. */
export function contentHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
