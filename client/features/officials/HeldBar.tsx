/**
 * Time held against the step's allotted time, as a bar: the allotted time is the track up to the
 * mark, the time held fills it (the part beyond the mark in the danger colour). Each bar has its own
 * scale (the longer of the two) and says its numbers in words for screen readers.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';

export interface HeldBarProps {
  heldHours: number;
  allottedHours: number | null;
}

/** Widths in % of the bar: the part held within the allotted time, the part beyond it, and the mark. */
export function heldBarGeometry(held: number, allotted: number | null): { within: number; beyond: number; mark: number | null } {
  if (allotted === null) return { within: held > 0 ? 100 : 0, beyond: 0, mark: null };
  const scale = Math.max(held, allotted, 1e-9);
  const within = (Math.min(held, allotted) / scale) * 100;
  const beyond = (Math.max(0, held - allotted) / scale) * 100;
  return { within, beyond, mark: (allotted / scale) * 100 };
}

export function HeldBar({ heldHours, allottedHours }: HeldBarProps) {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const g = heldBarGeometry(heldHours, allottedHours);
  const label =
    allottedHours === null
      ? t('holdings.barNoAllotted', { held: f.number(heldHours, 1) })
      : t('holdings.bar', { held: f.number(heldHours, 1), allotted: f.number(allottedHours, 1) });
  return (
    <div className="held-bar" role="img" aria-label={label} title={label}>
      <div className={allottedHours === null ? 'held-bar__track held-bar__track--open' : 'held-bar__track'}>
        <span className="held-bar__within" style={{ width: `${g.within}%` }} />
        {g.beyond > 0 && <span className="held-bar__beyond" style={{ left: `${g.within}%`, width: `${g.beyond}%` }} />}
        {g.mark !== null && <span className="held-bar__mark" style={{ left: `${g.mark}%` }} />}
      </div>
      <span className="held-bar__text" aria-hidden="true">
        {f.number(heldHours, 1)} / {allottedHours === null ? '—' : f.number(allottedHours, 1)}
      </span>
    </div>
  );
}
