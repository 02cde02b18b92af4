/**
 * Our total beside the national portal's published one for the same scope and period: the difference,
 * a flag beyond the allowed difference, and the groups that differ most.
 */
import { useTranslation } from 'react-i18next';
import type { IndexRow } from '../../../shared/contract/service-index';
import { useFormat } from '../../i18n';

/** `limit`: the difference in points beyond which a scope is flagged (setting portalDifferenceLimit). */
export function PortalCompare({ row, limit }: { row: IndexRow; limit: number }) {
  const { t } = useTranslation('serviceIndex');
  const f = useFormat();
  const p = row.portal;
  if (p === null) {
    return <p className="muted si-portal-none">{t('portal.none')}</p>;
  }
  return (
    <section className={`si-portal${p.flagged ? ' si-portal--flagged' : ''}`} data-testid="si-portal" aria-labelledby="si-portal-title">
      <h3 id="si-portal-title">{t('portal.title')}</h3>
      <dl className="si-portal__figures">
        <div>
          <dt>{t('portal.ours')}</dt>
          <dd data-testid="si-portal-ours">{f.number(row.total, 2)}</dd>
        </div>
        <div>
          <dt>{t('portal.theirs')}</dt>
          <dd data-testid="si-portal-theirs">{f.number(p.total, 2)}</dd>
        </div>
        <div>
          <dt>{t('portal.difference')}</dt>
          <dd data-testid="si-portal-difference">{f.signed(p.difference, 2)}</dd>
        </div>
      </dl>
      {p.flagged ? (
        <p className="si-portal__flag" data-testid="si-portal-flag" role="status">
          ⚑ {t('portal.flagged', { limit: f.number(limit, 2) })}
        </p>
      ) : (
        <p className="muted" data-testid="si-portal-limit">
          {t('portal.allowed', { limit: f.number(limit, 2) })}
        </p>
      )}
      {p.differingGroups.length > 0 && (
        <>
          <p className="si-portal__groups-title">{t('portal.groups')}</p>
          <ul className="si-portal__groups" data-testid="si-portal-groups">
            {p.differingGroups.map((g) => (
              <li key={g.group} data-group={g.group}>
                {t('portal.groupLine', {
                  group: t(`groupName.${g.group}`),
                  ours: f.number(g.ours, 2),
                  portal: f.number(g.portal, 2),
                  difference: f.signed(g.difference, 2),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted si-portal__source">{t('portal.source', { source: p.source, at: f.dateTime(p.importedAt) })}</p>
    </section>
  );
}
