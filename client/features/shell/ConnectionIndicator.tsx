import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../realtime/connection';
import { useReplayActive } from '../replay/replay-active';

const ICON: Record<ConnectionStatus, string> = { live: '●', reconnecting: '↻', stale: '!' };

/** Live / reconnecting / stale, as text with an icon (never colour alone). */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  // A replayed moment is not live, whatever the socket's state: the header says so.
  if (useReplayActive())
    return (
      <span
        className="conn conn--replay"
        data-testid="connection-status"
        data-status="replay"
        role="status"
        title={t('connection.replayHint')}
      >
        <span className="conn__icon" aria-hidden="true">
          ❚❚
        </span>
        <span className="conn__text">{t('connection.replay')}</span>
      </span>
    );
  return (
    <span
      className={`conn conn--${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      title={t(`connection.${status}Hint`)}
    >
      <span className="conn__icon" aria-hidden="true">
        {ICON[status]}
      </span>
      <span className="conn__text">{t(`connection.${status}`)}</span>
    </span>
  );
}
