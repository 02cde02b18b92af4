/**
 * A dossier's buck-passing cases (the server's rules), each with its rule, the officials, its steps
 * and the working hours lost, and a link that highlights its cycle on the timeline and in the holds
 * (`?case=<id>`, so the evidence has an address a list or a request can point to).
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BuckPassingCaseView } from '../../../shared/contract/buck-passing';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { hoursText, LostTime, OfficialsCell } from '../buck-passing/CaseRow';
import '../buck-passing/buck-passing.css';

export interface DossierCasesProps {
  dossierId: string;
  cases: readonly BuckPassingCaseView[];
  selected: BuckPassingCaseView | null;
}

export function DossierCases({ dossierId, cases, selected }: DossierCasesProps) {
  const { t } = useTranslation('buckPassing');
  const { linkTo } = useViewParams();
  if (cases.length === 0) return <p className="muted">{t('dossier.none')}</p>;
  const path = `/dossiers/${encodeURIComponent(dossierId)}`;
  return (
    <ul className="bp-cases" data-testid="dossier-cases">
      {cases.map((c) => {
        const shown = selected?.id === c.id;
        return (
          <li key={c.id} aria-current={shown || undefined} data-testid={`dossier-case-${c.id}`}>
            <span className={`bp-rule bp-rule--${c.rule}`}>{t(`rule.${c.rule}`)}</span>
            <span>{t('dossier.steps', { from: c.holds.first + 1, to: c.holds.last + 1 })}</span>
            <span>
              <LostTime c={c} />
            </span>
            <OfficialsCell officials={c.officials} />
            {shown ? (
              <Link to={linkTo(path, { case: null })} preventScrollReset>
                {t('dossier.clear')}
              </Link>
            ) : (
              <Link to={linkTo(path, { case: c.id })} preventScrollReset>
                {t('dossier.show')}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The line above the timeline while a case is highlighted. */
export function HighlightNote({ c }: { c: BuckPassingCaseView }) {
  const { t } = useTranslation('buckPassing');
  const f = useFormat();
  return (
    <p className="bp-highlight-note" role="status" data-testid="case-highlight-note">
      {t(c.ongoing ? 'dossier.highlightingOngoing' : 'dossier.highlighting', {
        rule: t(`rule.${c.rule}`),
        from: c.holds.first + 1,
        to: c.holds.last + 1,
        hours: hoursText(c.lostWorkingHours, t, f),
      })}
    </p>
  );
}
