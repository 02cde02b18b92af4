/** The index's period: the current month, quarter or year (live), or a closed one by name. */
import { useTranslation } from 'react-i18next';
import { CURRENT_INDEX_PERIODS, pastPeriods } from './index-model';

interface Props {
  value: string;
  /** The city's now (Vietnam-time ISO), to list the closed periods before it; null until known. */
  asOf: string | null;
  onChange: (period: string) => void;
}

/** `2026-11` → "Tháng 11/2026", `2026-Q3` → "Quý 3/2026", `2026` → "Năm 2026"; current ones by their word. */
export function usePeriodName(): (period: string) => string {
  const { t } = useTranslation('serviceIndex');
  const { t: tc } = useTranslation();
  return (p) => {
    if ((CURRENT_INDEX_PERIODS as readonly string[]).includes(p)) return tc(`period.${p}`);
    const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(p);
    if (!m) return p;
    if (m[2]) return t('named.month', { month: m[2], year: m[1] });
    if (m[3]) return t('named.quarter', { quarter: m[3], year: m[1] });
    return t('named.year', { year: m[1] });
  };
}

export function PeriodSelect({ value, asOf, onChange }: Props) {
  const { t } = useTranslation('serviceIndex');
  const name = usePeriodName();
  const past = asOf ? pastPeriods(asOf) : { months: [], quarters: [], years: [] };
  const known = [...CURRENT_INDEX_PERIODS, ...past.months, ...past.quarters, ...past.years] as string[];
  const groups: [string, string[]][] = [
    ['pastMonths', past.months],
    ['pastQuarters', past.quarters],
    ['pastYears', past.years],
  ];
  return (
    <label className="field si-period">
      <span className="field__label">{t('periodSelect')}</span>
      <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid="si-period">
        <optgroup label={t('currentGroup')}>
          {CURRENT_INDEX_PERIODS.map((p) => (
            <option key={p} value={p}>
              {name(p)}
            </option>
          ))}
        </optgroup>
        {groups.map(([key, list]) =>
          list.length > 0 ? (
            <optgroup key={key} label={t(key)}>
              {list.map((p) => (
                <option key={p} value={p}>
                  {name(p)}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
        {/* A period from a link that the list does not hold (older than a year) stays selectable. */}
        {!known.includes(value) && <option value={value}>{name(value)}</option>}
      </select>
    </label>
  );
}
