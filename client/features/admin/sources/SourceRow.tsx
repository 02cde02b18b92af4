/** One source as a table row (a card on a phone: each cell names its column). */
import { useTranslation } from 'react-i18next';
import type { AdminSource } from '../../../../shared/contract/admin-ops';
import type { SourceFreshness } from '../../../../shared/contract/api';
import { useFormat } from '../../../i18n';
import { lagWords, SOURCE_STATE_ICON } from '../../../lib/sources';
import { ConfirmAction } from './ConfirmAction';

export interface SourceRowProps {
  source: AdminSource;
  /** Lag and state from /health; absent for a revoked source. */
  freshness: SourceFreshness | undefined;
  unitName: (code: string) => string;
  busy: boolean;
  onEdit: () => void;
  onRevoke: () => void;
}

/** `+1,2 giây`: arrival minus event time; positive when the source's clock is behind. */
export function skewText(ms: number | null | undefined, t: (k: string, o: Record<string, unknown>) => string, lang: 'vi' | 'en'): string {
  if (ms === null || ms === undefined) return '—';
  const s = (Math.abs(ms) / 1000).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return t('skewValue', { sign: ms < 0 ? '−' : ms > 0 ? '+' : '', s });
}

export function SourceRow({ source: s, freshness: f, unitName, busy, onEdit, onRevoke }: SourceRowProps) {
  const { t } = useTranslation('adminSources');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const lag = lagWords(f?.lagMs ?? null);
  const silence = s.silentAfterMs === null ? t('defaultSilence') : t('minutes', { n: fmt.count(s.silentAfterMs / 60_000) });
  return (
    <tr data-testid={`source-row-${s.name}`} className={s.revokedAt ? 'admin-row--revoked' : undefined}>
      <th scope="row" data-label={t('col.name')}>
        {s.name}
      </th>
      <td data-label={t('col.kind')}>{tc(`sources.kind.${s.kind}`)}</td>
      <td data-label={t('col.units')}>{s.units ? s.units.map(unitName).join(', ') : t('allUnits')}</td>
      <td data-label={t('col.created')}>{fmt.dateTime(s.createdAt)}</td>
      <td data-label={t('col.lastEvent')}>{s.lastEventAt ? fmt.dateTime(s.lastEventAt) : tc('sources.never')}</td>
      <td data-label={t('col.lag')}>{f ? tc(`sources.lag.${lag.key}`, lag.values) : '—'}</td>
      <td data-label={t('col.state')}>
        {s.revokedAt ? (
          <span className="badge badge-neutral">
            {t('revokedState')} {fmt.dateTime(s.revokedAt)}
          </span>
        ) : f ? (
          <span className={`admin-state admin-state--${f.state}`}>
            <span aria-hidden="true">{SOURCE_STATE_ICON[f.state]} </span>
            {tc(`sources.state.${f.state}`)}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('col.silence')}>{`${silence} (${t(`hours.${s.hours}`)})`}</td>
      <td data-label={t('col.skew')}>{skewText(s.clockSkewMs, t, fmt.lang)}</td>
      <td data-label={t('col.actions')}>
        {!s.revokedAt && (
          <div className="admin-actions">
            <button type="button" onClick={onEdit} disabled={busy} data-testid={`source-edit-${s.name}`}>
              {t('edit.open')}
            </button>
            <ConfirmAction
              label={t('revoke.open')}
              question={t('revoke.confirm', { name: s.name })}
              yes={t('revoke.yes')}
              no={t('revoke.no')}
              onConfirm={onRevoke}
              disabled={busy}
              testId={`source-revoke-${s.name}`}
            />
          </div>
        )}
      </td>
    </tr>
  );
}
