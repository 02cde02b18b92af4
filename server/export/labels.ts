/**
 * Words of the exports in each UI language. Headers match the dashboard's tables
 * (client/i18n/<lang>/unit.json); the server keeps its own copy because it does not read client code.
 */
import type { Period } from '../metrics/types.js';
import type { ExportLang } from './table.js';

export interface ExportLabels {
  wholeCity: string;
  asOfNow: string;
  period: (name: string, from: string, to: string) => string;
  updatedAt: (when: string) => string;
  /** A dossier list narrowed to what one official holds now. */
  heldBy: (name: string) => string;
  periods: Record<Period, string>;
  /** A named month, quarter or year (`2026-10`, `2026-Q3`, `2026`): "Tháng 10/2026", "Quý III/2026", "Năm 2026". */
  namedPeriod: (name: string) => string;
  dossierLists: Record<string, string>;
  taskLists: Record<string, string>;
  byField: string;
  byProcedure: string;
  officials: string;
  dossier: Record<
    'id' | 'procedure' | 'field' | 'holder' | 'receivedAt' | 'dueAt' | 'daysOverdue' | 'supplementRequests' | 'apologies',
    string
  >;
  task: Record<'title' | 'documentNumber' | 'issuer' | 'assignedAt' | 'dueAt' | 'daysOverdue' | 'extensions', string>;
  breakdown: Record<
    | 'field'
    | 'procedure'
    | 'received'
    | 'inProgress'
    | 'overdue'
    | 'finishedOnTime'
    | 'finishedLate'
    | 'onTimeRate'
    | 'processingDaysMedian',
    string
  >;
  official: Record<
    'name' | 'unit' | 'holdingNow' | 'overdueHeldNow' | 'stepsDone' | 'stepOnTimeShare' | 'medianHoldDays' | 'buckPassingCases',
    string
  >;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Words for a named period (metrics/named-periods.ts forms), by its kind. */
function named(
  name: string,
  month: (m: string, y: string) => string,
  quarter: (q: number, y: string) => string,
  year: (y: string) => string,
): string {
  const [y, part] = name.split('-');
  if (part === undefined) return year(y);
  return part.startsWith('Q') ? quarter(Number(part.slice(1)), y) : month(part, y);
}

const vi: ExportLabels = {
  wholeCity: 'Toàn thành phố',
  asOfNow: 'Thời điểm: hiện tại',
  period: (name, from, to) => `Kỳ: ${name} (${from} – ${to})`,
  updatedAt: (when) => `Cập nhật lúc ${when}`,
  heldBy: (name) => `Cán bộ đang giữ: ${name}`,
  periods: { live: 'Hiện tại', today: 'Hôm nay', week: 'Tuần này', month: 'Tháng này', quarter: 'Quý này', year: 'Năm nay' },
  namedPeriod: (name) =>
    named(
      name,
      (m, y) => `Tháng ${m}/${y}`,
      (q, y) => `Quý ${ROMAN[q - 1]}/${y}`,
      (y) => `Năm ${y}`,
    ),
  dossierLists: {
    overdue: 'Hồ sơ quá hạn',
    due_soon: 'Hồ sơ sắp đến hạn',
    in_progress: 'Hồ sơ đang giải quyết',
    paused: 'Hồ sơ tạm dừng',
    awaiting_supplement: 'Hồ sơ chờ bổ sung',
    late: 'Hồ sơ trễ hạn',
    done: 'Hồ sơ đã giải quyết',
  },
  taskLists: {
    open_overdue: 'Nhiệm vụ được giao quá hạn',
    open_in_term: 'Nhiệm vụ đang trong hạn',
    done_on_time: 'Nhiệm vụ hoàn thành đúng hạn',
    done_late: 'Nhiệm vụ hoàn thành trễ hạn',
    no_deadline: 'Nhiệm vụ không có thời hạn',
    cancelled: 'Nhiệm vụ đã hủy',
  },
  byField: 'Theo lĩnh vực',
  byProcedure: 'Theo thủ tục',
  officials: 'Theo cán bộ xử lý',
  dossier: {
    id: 'Mã hồ sơ',
    procedure: 'Thủ tục',
    field: 'Lĩnh vực',
    holder: 'Cán bộ đang xử lý',
    receivedAt: 'Ngày tiếp nhận',
    dueAt: 'Hạn xử lý',
    daysOverdue: 'Số ngày quá hạn',
    supplementRequests: 'Số lần yêu cầu bổ sung',
    apologies: 'Văn bản xin lỗi',
  },
  task: {
    title: 'Nhiệm vụ',
    documentNumber: 'Số văn bản',
    issuer: 'Cơ quan giao',
    assignedAt: 'Ngày giao',
    dueAt: 'Hạn hoàn thành',
    daysOverdue: 'Số ngày quá hạn',
    extensions: 'Số lần gia hạn',
  },
  breakdown: {
    field: 'Lĩnh vực',
    procedure: 'Thủ tục',
    received: 'Hồ sơ tiếp nhận',
    inProgress: 'Đang giải quyết',
    overdue: 'Quá hạn',
    finishedOnTime: 'Giải quyết đúng hạn',
    finishedLate: 'Trễ hạn',
    onTimeRate: 'Tỷ lệ đúng hạn',
    processingDaysMedian: 'Thời gian giải quyết, trung vị (ngày làm việc)',
  },
  official: {
    name: 'Cán bộ xử lý',
    unit: 'Đơn vị',
    holdingNow: 'Đang giữ',
    overdueHeldNow: 'Đang giữ quá hạn',
    stepsDone: 'Bước đã xử lý',
    stepOnTimeShare: 'Tỷ lệ bước đúng hạn',
    medianHoldDays: 'Thời gian giữ, trung vị (ngày làm việc)',
    buckPassingCases: 'Số vụ đùn đẩy có liên quan',
  },
};

const en: ExportLabels = {
  wholeCity: 'Whole city',
  asOfNow: 'As of now',
  period: (name, from, to) => `Period: ${name} (${from} – ${to})`,
  updatedAt: (when) => `Updated at ${when} (Vietnam time)`,
  heldBy: (name) => `Held by ${name}`,
  periods: { live: 'Now', today: 'Today', week: 'This week', month: 'This month', quarter: 'This quarter', year: 'This year' },
  namedPeriod: (name) =>
    named(
      name,
      (m, y) => `${m}/${y}`,
      (q, y) => `Q${q} ${y}`,
      (y) => `Year ${y}`,
    ),
  dossierLists: {
    overdue: 'Overdue dossiers',
    due_soon: 'Dossiers due soon',
    in_progress: 'Dossiers in progress',
    paused: 'Paused dossiers',
    awaiting_supplement: 'Dossiers awaiting supplement',
    late: 'Late dossiers',
    done: 'Finished dossiers',
  },
  taskLists: {
    open_overdue: 'Overdue assigned tasks',
    open_in_term: 'Tasks within term',
    done_on_time: 'Tasks done on time',
    done_late: 'Tasks done late',
    no_deadline: 'Tasks without a deadline',
    cancelled: 'Cancelled tasks',
  },
  byField: 'By field',
  byProcedure: 'By procedure',
  officials: 'By handling official',
  dossier: {
    id: 'Dossier code',
    procedure: 'Procedure',
    field: 'Field',
    holder: 'Handling official now',
    receivedAt: 'Received',
    dueAt: 'Due',
    daysOverdue: 'Days overdue',
    supplementRequests: 'Supplement requests',
    apologies: 'Apology letters',
  },
  task: {
    title: 'Task',
    documentNumber: 'Document no.',
    issuer: 'Issued by',
    assignedAt: 'Assigned',
    dueAt: 'Deadline',
    daysOverdue: 'Days overdue',
    extensions: 'Extensions',
  },
  breakdown: {
    field: 'Field',
    procedure: 'Procedure',
    received: 'Received',
    inProgress: 'In progress',
    overdue: 'Overdue',
    finishedOnTime: 'Finished on time',
    finishedLate: 'Late',
    onTimeRate: 'On-time rate',
    processingDaysMedian: 'Processing time, median (working days)',
  },
  official: {
    name: 'Handling official',
    unit: 'Unit',
    holdingNow: 'Holding now',
    overdueHeldNow: 'Overdue held now',
    stepsDone: 'Steps done',
    stepOnTimeShare: 'Steps on time',
    medianHoldDays: 'Hold time, median (working days)',
    buckPassingCases: 'Buck-passing cases involved in',
  },
};

/** The words of an export in `lang`. */
export function exportLabels(lang: ExportLang): ExportLabels {
  return lang === 'en' ? en : vi;
}
