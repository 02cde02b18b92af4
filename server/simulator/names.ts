/**
 * Plausible Vietnamese full names for simulated officials (họ + tên đệm + tên).
 * Frequencies roughly follow published surname shares; southern forms (Huỳnh, Võ) are weighted up
 * because the city is Ho Chi Minh City.
 */

import { cumulativeWeights } from './random.js';
import type { Random } from './random.js';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 36],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 5],
  ['Hoàng', 2.5],
  ['Phan', 4.5],
  ['Võ', 4.5],
  ['Vũ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.6],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.6],
  ['Trương', 1],
  ['Lâm', 0.8],
];

const MALE_MIDDLE = ['Văn', 'Minh', 'Thanh', 'Hoàng', 'Quốc', 'Đức', 'Hữu', 'Công', 'Tấn', 'Ngọc', 'Trung', 'Anh'];
const FEMALE_MIDDLE = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Mỹ', 'Bích', 'Phương', 'Hồng', 'Minh', 'Thảo'];
const MALE_GIVEN = [
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Hải',
  'Hiếu',
  'Hùng',
  'Huy',
  'Khang',
  'Khoa',
  'Kiên',
  'Long',
  'Lộc',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phát',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Thịnh',
  'Tín',
  'Toàn',
  'Trí',
  'Trung',
  'Tuấn',
  'Vinh',
  'Vũ',
  'Bảo',
  'Đạt',
  'Hiển',
  'Nhân',
  'Tâm',
];
const FEMALE_GIVEN = [
  'Anh',
  'Chi',
  'Dung',
  'Duyên',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phượng',
  'Quyên',
  'Tâm',
  'Thảo',
  'Thư',
  'Trang',
  'Trâm',
  'Uyên',
  'Vy',
  'Yến',
  'Ngọc',
  'Thủy',
  'Trinh',
  'Nhi',
  'Liên',
  'Diễm',
];

const SURNAME_CUMULATIVE = cumulativeWeights(SURNAMES.map(([, w]) => w));

/** One random full name, e.g. "Nguyễn Thị Thu Hằng" style (three words). */
export function randomVietnameseName(rng: Random): string {
  const surname = SURNAMES[rng.pickCumulative(SURNAME_CUMULATIVE)]![0];
  const female = rng.chance(0.55); // one-stop desks and civil-status posts are mostly staffed by women
  const middles = female ? FEMALE_MIDDLE : MALE_MIDDLE;
  const givens = female ? FEMALE_GIVEN : MALE_GIVEN;
  let middle = rng.pick(middles);
  const given = rng.pick(givens);
  // "Minh Minh" or "Ngọc Ngọc" reads as a typo.
  if (middle === given) middle = female ? 'Thị' : 'Văn';
  return `${surname} ${middle} ${given}`;
}
