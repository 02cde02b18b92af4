/**
 * A dossier's page at a past moment (`?at=`, issue 16): the banner saying which moment, and how the
 * dossier stood then (status, who held it, overdue and by how many working days), as received by then
 * or as corrected since; a switch between the two and one button back to the present.
 */
import { useTranslation } from 'react-i18next';
import type { DossierStateAt as StateAt } from '../../../shared/contract/replay';
import { useFormat } from '../../i18n';
import { TimelinessBadge } from '../item/TimelinessBadge';
import { bannerParts, type ReplayParams } from './replay-time';

export interface DossierStateAtProps {
  replay: ReplayParams;
  /** The server's block (undefined while it loads). */
  block: StateAt | undefined;
  onChange: (next: ReplayParams | null, push: boolean) => void;
}

export function DossierStateAt({ replay, block, onChange }: DossierStateAtProps) {
  const { t } = useTranslation('replay');
  const { t: ti } = useTranslation('item');
  const f = useFormat();
  const b = bannerParts(replay.at);
  const weekdays = t('weekday', { returnObjects: true }) as string[];
  const s = block?.state;
  return (
    <section className="timebar timebar--open dossier-at" aria-labelledby="dossier-at-title" data-testid="dossier-state-at">
      <div className="timebar__head">
        <p className="timebar__banner" role="status" data-testid="replay-banner">
          {t('banner', { time: b.time, weekday: weekdays[b.weekday], date: b.date })}
        </p>
        <label className="timebar__field" title={t('asOfHint')}>
          <span>{t('asOf')}</span>
          <select
            value={replay.asOf}
            onChange={(e) => onChange({ at: replay.at, asOf: e.target.value === 'corrected' ? 'corrected' : 'received' }, true)}
          >
            <option value="received">{t('asOfReceived')}</option>
            <option value="corrected">{t('asOfCorrected')}</option>
          </select>
        </label>
        <button type="button" className="btn timebar__live" onClick={() => onChange(null, true)}>
          {t('dossierAt.backToNow')}
        </button>
      </div>
      <h2 id="dossier-at-title" className="dossier-at__title">
        {t('dossierAt.title', { time: b.time, date: b.date })}
      </h2>
      {block === undefined ? (
        <p className="muted">{t('loading')}</p>
      ) : s == null ? (
        <p data-testid="dossier-at-none">{t(replay.asOf === 'received' ? 'dossierAt.noneReceived' : 'dossierAt.noneCorrected')}</p>
      ) : (
        <dl className="dossier-at__facts" data-testid="dossier-at-facts">
          <dt>{ti('dossier.status')}</dt>
          <dd data-testid="dossier-at-status">{ti(`status.${s.status}`, { defaultValue: s.status })}</dd>
          <dt>{t('dossierAt.holder')}</dt>
          <dd data-testid="dossier-at-holder">{s.holderName ?? t('dossierAt.noHolder')}</dd>
          <dt>{ti('dossier.timeliness')}</dt>
          <dd>
            <TimelinessBadge value={s.timeliness} kind="dossier" />
          </dd>
          {s.timeliness === 'overdue' && (
            <>
              <dt>{t('dossierAt.daysOverdue')}</dt>
              <dd data-testid="dossier-at-days" data-value={s.daysOverdue}>
                <strong className="text-danger">{t('dossierAt.daysValue', { n: f.number(s.daysOverdue, 1) })}</strong>
                {s.overdueReason === 'supplements' && <> {t('dossierAt.bySupplements')}</>}
              </dd>
            </>
          )}
        </dl>
      )}
      <p className="timebar__note">
        {t('rulesNow')} {s ? t('dossierAt.events', { n: f.count(s.events) }) : null}
      </p>
    </section>
  );
}
