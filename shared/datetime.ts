/**
 * One rule for showing instants, shared by the client and the server's exports (pure, no imports).
 *
 * On the wire a bare date (`YYYY-MM-DD`) means the END of that day in Vietnam time, and is stored as
 * its last millisecond (23:59:59.999 +07:00). Such an instant is shown as the date alone
 * (`dd/MM/yyyy`), never with a time: "23:59" reads as a deadline set to the minute, which nobody set.
 * Every other instant is shown with its time (`dd/MM/yyyy HH:mm`), always in Vietnam time.
 */

/** Vietnam has used UTC+7 with no daylight saving since 1975, so a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** The last second of a day: sources with second precision (DVCQG's yyyyMMddHHmmss 235959) mean the same. */
const END_OF_DAY_FROM_MS = DAY_MS - 1_000;

const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Epoch ms of a value as the API sends it: an ISO 8601 instant, epoch ms, a Date, or a bare
 * `YYYY-MM-DD` (the end of that Vietnam day, 23:59:59.999 +07:00). Null when it is none of these.
 */
export function parseVnInstant(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  const m = BARE_DATE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const startUtc = Date.UTC(y, mo - 1, d);
    const check = new Date(startUtc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return startUtc - VN_OFFSET_MS + DAY_MS - 1;
  }
  if (value === '') return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/** True when `ms` is the end of a Vietnam day (its last second): a bare date on the wire. */
export function isVnEndOfDay(ms: number): boolean {
  const ofDay = (((ms + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ofDay >= END_OF_DAY_FROM_MS;
}

/** Wall-clock fields in Vietnam time. */
function vnFields(ms: number) {
  const d = new Date(ms + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** `dd/MM/yyyy` in Vietnam time; `fallback` for null or unparsable input. */
export function formatVnDate(value: string | number | Date | null | undefined, fallback = '—'): string {
  const ms = parseVnInstant(value);
  if (ms === null) return fallback;
  const p = vnFields(ms);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/**
 * THE rule: `dd/MM/yyyy` for the end of a Vietnam day (a bare date), `dd/MM/yyyy HH:mm` for any
 * other instant, in Vietnam time; `fallback` (default "—") for null or unparsable input.
 */
export function formatVnDayTime(value: string | number | Date | null | undefined, fallback = '—'): string {
  const ms = parseVnInstant(value);
  if (ms === null) return fallback;
  const p = vnFields(ms);
  const date = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
  return isVnEndOfDay(ms) ? date : `${date} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
