/** Shared fixtures for the simulator tests: the real calendar and catalogue, a tiny city by hand. */
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { parseDueDate, parseIsoWithOffset } from '../../../server/domain/time.js';
import type { Jurisdiction, Unit, WorkCalendar } from '../../../server/domain/types.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import type { SimProcedure } from '../../../server/simulator/procedures.js';
import type { WireDossierEvent } from '../../../server/simulator/wire.js';

export const calendar: WorkCalendar = loadWorkCalendar();
export const procedures: SimProcedure[] = loadProcedures();

function unit(code: string, name: string, population: number, type: Unit['type'] = 'Phường'): Unit {
  return { code, type, name, fullName: `${type} ${name}`, nameEn: name, lat: 10.78, lon: 106.7, areaKm2: 5, population };
}

/** Eight units and three departments: enough for every code path, small enough to be fast. */
export const tinyCity: Jurisdiction = {
  code: '79',
  name: 'Thành phố Hồ Chí Minh',
  nameEn: 'Ho Chi Minh City',
  units: [
    unit('26734', 'Bến Thành', 120_000),
    unit('26737', 'Sài Gòn', 90_000),
    unit('26740', 'Tân Định', 110_000),
    unit('27004', 'Chợ Lớn', 150_000),
    unit('26944', 'Bình Thạnh', 130_000),
    unit('27553', 'Bình Chánh', 160_000, 'Xã'),
    unit('27559', 'Cần Giờ', 40_000, 'Xã'),
    unit('26881', 'Côn Đảo', 12_000, 'Đặc khu'),
  ],
  departments: [
    { code: 'STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice', shortName: 'Tư pháp' },
    { code: 'SXD', name: 'Sở Xây dựng', nameEn: 'Department of Construction', shortName: 'Xây dựng' },
    { code: 'TTTP', name: 'Thanh tra Thành phố', nameEn: 'City Inspectorate', shortName: 'Thanh tra' },
  ],
};

/** Epoch ms of a Vietnam local time, e.g. vn('2026-11-18T09:00'). */
export function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}:00+07:00`);
  if (t === null) throw new Error(`bad local time ${local}`);
  return t;
}

/** Epoch ms of an emitted `at` (throws if the string is not ISO with an offset). */
export function at(s: string): number {
  const t = parseIsoWithOffset(s);
  if (t === null) throw new Error(`not ISO with offset: ${s}`);
  return t;
}

export interface FoldedDossier {
  id: string;
  unit: string;
  channel: string;
  receivedAt: number;
  due: number;
  pauseFrom: number | null;
  supplements: number;
  end: number | null;
  endKind: string | null;
}

/**
 * Folds emitted dossier events the DVCQG way (DOMAIN.md): end = processed, else
 * stopped/refused/withdrawn, else returned; a supplement without a new due date extends the due
 * date by the paused working time (also when the dossier ends while paused).
 */
export function foldDossiers(
  events: readonly WireDossierEvent[],
  skip: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): Map<string, FoldedDossier> {
  const out = new Map<string, FoldedDossier>();
  for (const e of events) {
    if (skip.has(e.id)) continue;
    const t = at(e.at);
    if (e.type === 'received') {
      out.set(e.dossierId, {
        id: e.dossierId,
        unit: e.unit,
        channel: e.channel,
        receivedAt: t,
        due: parseDueDate(e.dueAt)!,
        pauseFrom: null,
        supplements: 0,
        end: null,
        endKind: null,
      });
      continue;
    }
    const d = out.get(e.dossierId);
    if (!d) continue;
    switch (e.type) {
      case 'supplement_requested':
        d.pauseFrom = t;
        d.supplements++;
        break;
      case 'supplement_received':
        d.due = e.dueAt !== undefined ? parseDueDate(e.dueAt)! : calendar.addWorkingMs(d.due, calendar.workingMsBetween(d.pauseFrom!, t));
        d.pauseFrom = null;
        break;
      case 'processed':
      case 'stopped':
      case 'refused':
      case 'withdrawn':
        if (d.endKind === null || d.endKind === 'returned') {
          if (d.pauseFrom !== null) d.due = calendar.addWorkingMs(d.due, calendar.workingMsBetween(d.pauseFrom, t));
          d.end = t;
          d.endKind = e.type;
        }
        break;
      case 'returned':
        if (d.end === null) {
          d.end = t;
          d.endKind = 'returned';
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/** Share of finished dossiers (optionally only those finished at or after `since`) that ended on time. */
export function onTimeRate(dossiers: Iterable<FoldedDossier>, since = Number.NEGATIVE_INFINITY): { finished: number; rate: number } {
  let finished = 0;
  let onTime = 0;
  for (const d of dossiers) {
    if (d.end === null || d.end < since) continue;
    finished++;
    if (d.end <= d.due) onTime++;
  }
  return { finished, rate: finished === 0 ? Number.NaN : onTime / finished };
}
