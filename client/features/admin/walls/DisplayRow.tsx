/** One wall display as a table row (a card on a phone): scope, token issued, last connection, a link to its wall, revoke. */
import { useTranslation } from 'react-i18next';
import type { AdminDisplay } from '../../../../shared/contract/admin-ops';
import { useFormat } from '../../../i18n';
import { ConfirmAction } from '../sources/ConfirmAction';
import { wallUrl } from './api';

export interface DisplayRowProps {
  display: AdminDisplay;
  scopeName: string;
  busy: boolean;
  onRevoke: () => void;
}

export function DisplayRow({ display: d, scopeName, busy, onRevoke }: DisplayRowProps) {
  const { t } = useTranslation('adminWalls');
  const fmt = useFormat();
  return (
    <tr className={d.revokedAt ? 'admin-row--revoked' : undefined} data-testid={`display-row-${d.name}`}>
      <th scope="row" data-label={t('displays.col.name')}>
        {d.name}
      </th>
      <td data-label={t('displays.col.scope')}>{scopeName}</td>
      <td data-label={t('displays.col.created')}>{fmt.dateTime(d.createdAt)}</td>
      <td data-label={t('displays.col.lastSeen')}>{d.lastSeenAt ? fmt.dateTime(d.lastSeenAt) : t('displays.never')}</td>
      <td data-label={t('displays.col.open')}>
        <a href={wallUrl({ scope: d.scope })} target="_blank" rel="noopener" title={t('displays.openLink')}>
          {decodeURIComponent(wallUrl({ scope: d.scope }))}
        </a>
      </td>
      <td data-label={t('displays.col.actions')}>
        {d.revokedAt ? (
          <span className="badge badge-neutral">
            {t('displays.col.revoked')} {fmt.dateTime(d.revokedAt)}
          </span>
        ) : (
          <ConfirmAction
            label={t('displays.revoke')}
            question={t('displays.revokeConfirm', { name: d.name })}
            yes={t('displays.revokeYes')}
            no={t('displays.no')}
            disabled={busy}
            onConfirm={onRevoke}
          />
        )}
      </td>
    </tr>
  );
}
