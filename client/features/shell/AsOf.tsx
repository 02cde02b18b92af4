import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import { useReplayedAt } from '../replay/replay-active';
import { bannerParts } from '../replay/replay-time';

/**
 * "Cập nhật lúc HH:MM:SS" from the server's clock ticks; while a view replays a past moment, that moment
 * instead ("Số liệu lúc 10:00 1/12/2026"): the figures below are of it, not of now.
 */
export function AsOf({ now }: { now: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const replayedAt = useReplayedAt();
  if (replayedAt !== null) {
    const b = bannerParts(replayedAt);
    const iso = new Date(replayedAt).toISOString();
    return (
      <span className="as-of as-of--replay" data-testid="data-as-of" data-as-of={iso}>
        {t('asOfReplay')} <time dateTime={iso}>{`${b.time} ${b.date}`}</time>
      </span>
    );
  }
  return (
    <span className="as-of" data-testid="data-as-of" data-as-of={now ?? ''}>
      {t('asOf')} <time dateTime={now ?? undefined}>{f.time(now)}</time>
    </span>
  );
}
