/** One audit entry as a table row (a card on a phone): its time to the second, who, what, result, details. */
import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../../../../shared/contract/admin-ops';
import { AuditDetails } from './AuditDetails';
import { auditTimeText } from './audit-time';

export function AuditRow({ entry: e }: { entry: AuditItem }) {
  const { t } = useTranslation('adminAudit');
  return (
    <tr data-testid="audit-row">
      <td data-label={t('col.at')}>{auditTimeText(e.at)}</td>
      <td data-label={t('col.actor')}>
        <div>
          {e.actor}
          {e.ip && <div className="muted">{t('fromIp', { ip: e.ip })}</div>}
        </div>
      </td>
      <td data-label={t('col.action')}>
        <div>
          {t(`actions.${e.action}`, { defaultValue: e.action })}
          <div className="muted">{e.action}</div>
        </div>
      </td>
      <td data-label={t('col.target')}>{e.target ?? '—'}</td>
      <td data-label={t('col.outcome')}>
        <span className={`badge ${e.outcome === 'ok' ? 'badge-good' : 'badge-bad'}`}>{t(`outcome.${e.outcome}`)}</span>
      </td>
      <td data-label={t('col.details')}>
        <AuditDetails details={e.details} />
      </td>
    </tr>
  );
}
