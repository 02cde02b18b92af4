import { useTranslation } from 'react-i18next';
import { formatOfflineTime } from './offline-time';
import { useOfflineSnapshot } from './offline-state';

/** "Ngoại tuyến — dữ liệu lúc HH:MM dd/MM" while the page shows the offline snapshot; nothing when live. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const { offline, asOf } = useOfflineSnapshot();
  if (!offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner" title={t('offline.hint')}>
      <span className="offline-banner__text">{t('offline.banner', { time: formatOfflineTime(asOf) })}</span>
      <span className="offline-banner__hint">{t('offline.hint')}</span>
    </div>
  );
}
