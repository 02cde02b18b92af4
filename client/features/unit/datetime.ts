/** Date-time text for tables, timelines and exports: `dd/MM/yyyy HH:mm`, Vietnam time. */
import { formatVnDayTime } from '../../../shared/datetime';
import { NO_VALUE, vnParts } from '../../lib/format';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `dd/MM/yyyy HH:mm` in Vietnam time, or `dd/MM/yyyy` alone for a bare date (the end of a Vietnam
 * day), by the shared rule ({@link formatVnDayTime}); `fallback` (default "—") for null or unparsable input.
 */
export function formatDayTime(value: string | number | null | undefined, fallback = NO_VALUE): string {
  return formatVnDayTime(value, fallback);
}

/** `dd/MM` (days) or `HH:mm` (hours) for a time-axis tick, Vietnam time. */
export function formatTick(ms: number, stepMs: number): string {
  const p = vnParts(ms);
  if (!p) return '';
  const day = `${pad2(p.day)}/${pad2(p.month)}`;
  if (stepMs >= 24 * 3_600_000) return day;
  return p.hour === 0 && p.minute === 0 ? day : `${pad2(p.hour)}:${pad2(p.minute)}`;
}
