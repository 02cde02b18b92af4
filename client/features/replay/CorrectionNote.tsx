/** The unit page's sentence on what was corrected since the moment shown (e.g. "Sửa sau: +3 hồ sơ quá hạn so với lúc đó"). */
import { useTranslation } from 'react-i18next';
import type { ReplayAsOf } from '../../../shared/contract/replay';
import { fetchUnitDetail, useApi } from '../../api';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../i18n';
import type { Period } from '../../../shared/contract/metrics';
import { correctionOf, otherAsOf } from './correction';

export interface CorrectionNoteProps {
  code: string;
  period: Period;
  at: string;
  asOf: ReplayAsOf;
  /** Overdue dossiers on screen (in `asOf` mode). */
  shown: number;
}

export function CorrectionNote({ code, period, at, asOf, shown }: CorrectionNoteProps) {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const other = otherAsOf(asOf);
  const res = useApi(
    (signal) => fetchUnitDetail(code, period, { signal, officials: false, replay: { at, asOf: other } }),
    [code, period, at, other],
  );
  if (res.error) return <p className="muted replay-correction">{t('correction.unavailable', { message: errorText(res.error) })}</p>;
  if (!res.data) return null;
  const c = correctionOf(asOf, shown, res.data.metrics.overdue);
  const n = f.signed(c.diff, 0);
  return (
    <p
      className={c.diff === 0 ? 'replay-correction' : 'replay-correction replay-correction--diff'}
      data-testid="replay-correction"
      data-diff={c.diff}
    >
      {c.diff === 0
        ? t('correction.none')
        : asOf === 'received'
          ? t('correction.sinceReceived', { n, corrected: f.count(c.other) })
          : t('correction.sinceCorrected', { n, received: f.count(c.other) })}
    </p>
  );
}
