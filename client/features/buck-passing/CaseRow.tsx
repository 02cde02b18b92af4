/**
 * One buck-passing case as a table row that becomes a card on a narrow screen: its rule, the
 * officials involved (or their units, for those who may not see names), the dossier and procedure,
 * the working hours lost, when, and the link to its evidence (the dossier's timeline with the cycle).
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../lib/format';
import type { BuckPassingCaseView, BuckPassingOfficialView } from '../../../shared/contract/buck-passing';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { SendRequest } from '../requests/SendRequest';
import { caseSubject } from './case-subject';

function officialText(o: BuckPassingOfficialView): string {
  return o.name ? `${o.name} (${o.unitName})` : o.unitName;
}

/** Names in order of first holding, with arrows; units alone (deduplicated) when names are hidden. */
export function OfficialsCell({ officials }: { officials: readonly BuckPassingOfficialView[] }) {
  const { t } = useTranslation('buckPassing');
  if (officials.length > 0 && officials[0].name === null) {
    const units = [...new Set(officials.map((o) => o.unitName))];
    return (
      <span>
        {t('officialsCount', { count: officials.length })}: {units.join(', ')}
      </span>
    );
  }
  return (
    <ul className="bp-officials">
      {officials.map((o, i) => (
        <li key={o.id ?? i}>{officialText(o)}</li>
      ))}
    </ul>
  );
}

/** "8 giờ", "0,5 giờ", and "dưới 0,1 giờ" for minutes (never "0 giờ" for time that was lost). */
export function hoursText(h: number, t: TFunction<'buckPassing'>, f: Formatters): string {
  if (h > 0 && h < 0.05) return t('hoursUnder', { hours: f.number(0.1, 1) });
  return t('hours', { hours: f.number(h, 1) });
}

/** The working hours lost, or, for a case still sent back, that it is (its time counts once the dossier moves on). */
export function LostTime({ c }: { c: BuckPassingCaseView }) {
  const { t } = useTranslation('buckPassing');
  const f = useFormat();
  if (c.ongoing) return <span title={t('ongoingHint')}>{t('ongoing')}</span>;
  return <>{hoursText(c.lostWorkingHours, t, f)}</>;
}

export function CaseRow({ c }: { c: BuckPassingCaseView }) {
  const { t } = useTranslation('buckPassing');
  const { linkTo } = useViewParams();
  const subject = caseSubject(c);
  return (
    <tr data-testid={`bp-case-${c.id}`} data-rule={c.rule}>
      <td data-label={t('col.rule')}>
        <div className="bp-cell">
          <span className={`bp-rule bp-rule--${c.rule}`}>{t(`rule.${c.rule}`)}</span>
        </div>
      </td>
      <td data-label={t('col.officials')}>
        <div className="bp-cell">
          <OfficialsCell officials={c.officials} />
        </div>
      </td>
      <td data-label={t('col.dossier')}>
        <div className="bp-cell">
          <span className="bp-dossier-id">{c.dossierId}</span>
          <span className="bp-sub">{c.procedureName ?? '—'}</span>
          <span className="bp-sub muted">{c.unitName}</span>
        </div>
      </td>
      <td data-label={t('col.lost')} className="bp-num">
        <div className="bp-cell">
          <LostTime c={c} />
        </div>
      </td>
      <td data-label={t('col.when')}>
        <div className="bp-cell">
          <time dateTime={c.lastHandoverAt}>{formatDayTime(c.lastHandoverAt)}</time>
        </div>
      </td>
      <td data-label={t('col.evidence')}>
        <div className="bp-cell">
          {c.evidence ? (
            <Link
              className="bp-evidence"
              to={linkTo(`/dossiers/${encodeURIComponent(c.dossierId)}`, { case: c.id })}
              data-testid="bp-evidence"
            >
              {t('evidenceLink')}
            </Link>
          ) : (
            <span className="muted">{t('noEvidence')}</span>
          )}
          {/* Sent to the dossier's unit, about this case and its dossier (the request shows on the dossier's timeline). */}
          {subject && <SendRequest compact subject={subject} />}
        </div>
      </td>
    </tr>
  );
}
