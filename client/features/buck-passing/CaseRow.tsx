/**
 * One buck-passing case as a table row that becomes a card on a narrow screen: its rule, the
 * officials involved (or their units, for those who may not see names), the dossier and procedure,
 * the working hours lost, when, and the link to its evidence (the dossier's timeline with the cycle).
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BuckPassingCaseView, BuckPassingOfficialView } from '../../../shared/contract/buck-passing';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';

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

export function CaseRow({ c }: { c: BuckPassingCaseView }) {
  const { t } = useTranslation('buckPassing');
  const f = useFormat();
  const { linkTo } = useViewParams();
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
        <div className="bp-cell">{t('hours', { hours: f.number(c.lostWorkingHours, 1) })}</div>
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
        </div>
      </td>
    </tr>
  );
}
