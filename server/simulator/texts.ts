/**
 * Vietnamese texts the simulator puts into events: reasons, complaints, task titles, issuers.
 * Worded the way one-stop staff and office documents word them, so screens look real in demos.
 */

export const SUPPLEMENT_REASONS = [
  'Thiếu bản sao giấy tờ tùy thân của người yêu cầu',
  'Bản vẽ chưa đúng quy chuẩn, đề nghị bổ sung bản vẽ hiện trạng',
  'Thiếu văn bản ủy quyền có chứng thực',
  'Thông tin tờ khai không khớp với Cơ sở dữ liệu quốc gia về dân cư',
  'Đề nghị bổ sung giấy tờ chứng minh nguồn gốc sử dụng đất',
  'Thiếu chữ ký của đồng sở hữu',
  'Đề nghị bổ sung chứng từ thực hiện nghĩa vụ tài chính',
  'Hồ sơ scan không rõ, đề nghị nộp lại bản điện tử',
] as const;

export const APOLOGY_REASONS = [
  'Hồ sơ cần xác minh thực địa',
  'Chờ ý kiến phối hợp của cơ quan liên quan',
  'Chờ kết quả xác minh nguồn gốc đất',
  'Cán bộ thụ lý nghỉ phép, chưa kịp bàn giao',
  'Hệ thống phần mềm một cửa gặp sự cố',
  'Số lượng hồ sơ tiếp nhận tăng đột biến',
  'Chờ trích lục bản đồ địa chính',
] as const;

export const REFUSAL_REASONS = [
  'Hồ sơ không thuộc thẩm quyền giải quyết',
  'Không đủ điều kiện theo quy định',
  'Thửa đất đang có tranh chấp',
] as const;

export const WITHDRAWAL_REASONS = [
  'Công dân xin rút hồ sơ',
  'Công dân nộp nhầm thủ tục',
  'Công dân không bổ sung hồ sơ theo yêu cầu',
] as const;

export const STOP_REASONS = [
  'Có văn bản yêu cầu tạm dừng của cơ quan có thẩm quyền',
  'Quá thời hạn bổ sung hồ sơ',
  'Chờ giải quyết tranh chấp',
] as const;

export const COMPLAINTS = [
  'Trả kết quả trễ hẹn',
  'Cán bộ hướng dẫn chưa rõ ràng, phải đi lại nhiều lần',
  'Yêu cầu bổ sung giấy tờ không có trong quy định',
  'Thái độ tiếp công dân chưa niềm nở',
  'Phải chờ lâu tại bộ phận một cửa',
] as const;

/** Issuers with their relative frequency and the document-number suffixes they use. */
export const TASK_ISSUERS: readonly { name: string; weight: number; suffixes: readonly string[] }[] = [
  { name: 'UBND Thành phố', weight: 35, suffixes: ['UBND-VX', 'UBND-KT', 'UBND-ĐT', 'UBND-NCPC', 'KH-UBND', 'CT-UBND'] },
  { name: 'Chủ tịch UBND TP', weight: 25, suffixes: ['UBND-VX', 'UBND-KT', 'UBND-ĐT', 'CT-UBND'] },
  { name: 'Phó Chủ tịch UBND TP', weight: 20, suffixes: ['UBND-VX', 'UBND-KT', 'UBND-ĐT', 'UBND-NCPC'] },
  { name: 'Văn phòng UBND TP', weight: 15, suffixes: ['TB-VP', 'VP-VX', 'VP-KT'] },
  { name: 'Tổ công tác của Chủ tịch UBND TP', weight: 5, suffixes: ['TB-TCT'] },
];

/** Task titles; "{m}" is replaced by the month, "{y}" by the year. */
export const TASK_TITLES = [
  'Báo cáo tình hình giải quyết hồ sơ thủ tục hành chính trễ hạn tháng {m}/{y}',
  'Rà soát, làm sạch dữ liệu đất đai trên địa bàn',
  'Triển khai Kế hoạch chuyển đổi số năm {y}',
  'Kiểm tra, xử lý vi phạm trật tự xây dựng trên địa bàn',
  'Tổ chức lấy ý kiến Nhân dân về dự thảo Nghị quyết',
  'Báo cáo kết quả thực hiện Chỉ thị về cải cách hành chính',
  'Rà soát, cắt giảm thành phần hồ sơ thủ tục hành chính',
  'Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
  'Giải quyết kiến nghị của cử tri tại kỳ họp',
  'Xử lý phản ánh của người dân trên Cổng 1022',
  'Kiểm tra an toàn thực phẩm dịp cao điểm',
  'Tổng kết công tác thi đua, khen thưởng năm {y}',
  'Báo cáo tiến độ giải ngân vốn đầu tư công tháng {m}/{y}',
  'Triển khai phòng, chống dịch sốt xuất huyết',
  'Rà soát hộ nghèo, hộ cận nghèo năm {y}',
  'Chấn chỉnh tình trạng yêu cầu bổ sung hồ sơ không đúng quy định',
  'Cập nhật dữ liệu dân cư phục vụ Đề án 06',
  'Kiểm tra việc niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
  'Xử lý dứt điểm hồ sơ tồn đọng trước ngày {d}',
  'Triển khai thu ngân sách nhà nước quý {q}/{y}',
  'Báo cáo công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  'Lập danh sách công trình vi phạm lấn chiếm hành lang kênh rạch',
  'Tăng cường trật tự lòng lề đường, vỉa hè',
  'Chuẩn bị nội dung làm việc với Đoàn kiểm tra của Thành phố',
  'Báo cáo đánh giá Bộ chỉ số phục vụ người dân, doanh nghiệp',
  'Tổ chức đối thoại với doanh nghiệp trên địa bàn',
  'Rà soát, sắp xếp trụ sở, tài sản công dôi dư sau sắp xếp',
  'Triển khai thanh toán không dùng tiền mặt tại bộ phận một cửa',
] as const;

export const TASK_PROGRESS_NOTES = [
  'Đã triển khai đến các khu phố, ấp',
  'Đã phân công cán bộ phụ trách',
  'Đang tổng hợp số liệu',
  'Đã hoàn thành dự thảo báo cáo, đang trình lãnh đạo',
  'Đang phối hợp với các phòng chuyên môn',
] as const;

export const TASK_EXTENSION_REASONS = [
  'Nội dung phức tạp, cần phối hợp nhiều đơn vị',
  'Chờ số liệu từ các sở, ngành',
  'Trùng thời gian cao điểm giải quyết hồ sơ',
  'Cần thêm thời gian khảo sát thực tế',
] as const;
