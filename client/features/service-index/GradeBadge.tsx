/** A grade in words (Xuất sắc, Tốt, Khá, Trung bình, Yếu) on its map colour: colour is never the only carrier. */
import { useTranslation } from 'react-i18next';
import type { IndexGrade } from '../../../shared/contract/service-index';
import { GRADE_FILL, GRADE_TEXT } from './index-model';

export function GradeBadge({ grade }: { grade: IndexGrade | null }) {
  const { t } = useTranslation('serviceIndex');
  if (grade === null) return <span className="si-grade si-grade--none">{t('grade.none')}</span>;
  return (
    <span className="si-grade" data-grade={grade} style={{ background: GRADE_FILL[grade], color: GRADE_TEXT[grade] }}>
      {t(`grade.${grade}`)}
    </span>
  );
}
