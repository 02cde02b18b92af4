/**
 * Cell values for CSV exports: Vietnamese decimal comma without grouping (a Vietnamese-locale Excel
 * reads "2,5" as a number; "1.234" would be ambiguous), dates `dd/MM/yyyy HH:mm` in Vietnam time,
 * or `dd/MM/yyyy` alone for a bare date (shared/datetime.ts, the rule the screens follow too).
 */
import { formatDayTime } from './datetime';

/** A number with at most `digits` decimals and a decimal comma; '' when missing. */
export function csvNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toFixed(digits))).replace('.', ',');
}

/** A ratio in [0, 1] as a percentage number (96,3); '' when missing. */
export function csvPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '' : csvNumber(ratio * 100, 1);
}

/** An instant as `dd/MM/yyyy HH:mm` (a bare date as `dd/MM/yyyy`); '' when missing. */
export function csvDateTime(value: string | null | undefined): string {
  return formatDayTime(value, '');
}
