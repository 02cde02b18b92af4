import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ChartCardProps {
  id: string;
  title: string;
  /** Nothing to draw: show the empty message instead of an empty chart. */
  empty: boolean;
  loading?: boolean;
  error?: string | null;
  children: ReactNode;
}

/** Frame of one chart: title, loading/empty/error states. */
export function ChartCard({ id, title, empty, loading, error, children }: ChartCardProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  return (
    <section className="panel chart-card" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`} className="panel__title">
        {title}
      </h2>
      <div className="chart-card__body">
        {error ? (
          <p className="error-text" role="alert">
            {tc('error.load')}: {error}
          </p>
        ) : empty ? (
          <p className="empty">{loading ? tc('loading') : t('charts.empty')}</p>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

/** A Recharts tooltip value as a number (Recharts types it as number | string | array). */
export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Shared axis tick style (12 px, the secondary text colour). */
export const TICK = { fontSize: 12, fill: 'var(--text-2)' } as const;
