// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { initI18n } from '../../../client/i18n';
import { Breakdown } from '../../../client/features/service-index/Breakdown';
import { RankingTable } from '../../../client/features/service-index/RankingTable';
import { PORTAL, row, scopeResponse, wardIndex } from './fixtures';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

/** A number as the page writes it in Vietnamese (`16,05`, `1.204`). */
const vn = (text: string | null) => Number((text ?? '').trim().replace(/\./g, '').replace(',', '.'));

describe('Breakdown', () => {
  it('shows group subtotals, read from the page, that add up to the total it shows (full rule)', () => {
    const index = wardIndex('full');
    render(<Breakdown data={scopeResponse(index)} />);
    const subtotals = ['transparency', 'progress', 'online', 'payment', 'digitisation', 'satisfaction'].map((g) =>
      vn(screen.getByTestId(`si-subtotal-${g}`).querySelector('strong')!.textContent!.split('/')[0]),
    );
    const shownTotal = vn(screen.getByTestId('si-breakdown-total').textContent);
    expect(shownTotal).toBe(index.total);
    expect(Math.round(subtotals.reduce((a, b) => a + b, 0) * 100) / 100).toBe(shownTotal);
    // The sum is written out term by term, ending in the same total.
    const terms = screen.getAllByTestId('si-sum-term').map((e) => vn(e.textContent));
    expect(terms).toEqual(subtotals);
    expect(vn(screen.getByTestId('si-sum-total').textContent)).toBe(shownTotal);
  });

  it('says how the scaled rule makes the total from the computed points', () => {
    const index = wardIndex('scaled');
    render(<Breakdown data={scopeResponse(index)} />);
    const sum = screen.getByTestId('si-sum');
    expect(sum.textContent).toContain('Quy đổi về thang 100');
    expect(vn(screen.getByTestId('si-sum-computed').textContent)).toBe(index.computedPoints);
    expect(vn(screen.getByTestId('si-sum-total').textContent)).toBe(index.total);
  });

  it('renders each indicator without points as "không áp dụng / chưa có dữ liệu" with its reason', () => {
    render(<Breakdown data={scopeResponse(wardIndex('full'))} />);
    expect(screen.getByTestId('si-na-transparency').textContent).toBe(
      'Không áp dụng / chưa có dữ liệu: cần dữ liệu về danh mục thủ tục hoặc năng lực của đơn vị, hồ sơ không mang thông tin này',
    );
    expect(screen.getByTestId('si-na-petitions_on_time').textContent).toContain('cần dữ liệu phản ánh, kiến nghị (PAKN)');
    expect(screen.getByTestId('si-na-digitised_data_reuse').textContent).toContain(
      'chưa có hồ sơ nào trong kỳ mang trường dữ liệu cần cho tiêu chí này',
    );
    // An applicable indicator shows its counts and its bar instead.
    const online = screen.getByTestId('si-ind-online_dossiers');
    expect(online.textContent).toContain('14 / 40 hồ sơ');
    expect(online.textContent).toContain('đạt tối đa khi từ 50%');
    expect(within(online).getByRole('meter').getAttribute('aria-valuemax')).toBe('12');
  });

  it('names the grade in the officials’ word', () => {
    const index = wardIndex('full');
    render(<Breakdown data={scopeResponse(index)} />);
    const words = { excellent: 'Xuất sắc', good: 'Tốt', fair: 'Khá', average: 'Trung bình', weak: 'Yếu' };
    expect(screen.getByTestId('si-breakdown').querySelector('[data-grade]')!.textContent).toBe(words[index.grade]);
  });

  it('shows the portal’s total beside ours, the difference, the flag and the groups that differ', () => {
    render(<Breakdown data={scopeResponse(wardIndex('full'), PORTAL)} />);
    const portal = screen.getByTestId('si-portal');
    expect(screen.getByTestId('si-portal-theirs').textContent).toBe('84,1');
    expect(screen.getByTestId('si-portal-difference').textContent).toBe('−3,6');
    expect(screen.getByTestId('si-portal-flag').textContent).toContain('Lệch quá 2 điểm so với Cổng');
    const groups = within(portal)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(groups).toEqual([
      'Tiến độ giải quyết: ở đây 17, trên Cổng 19,5 (chênh −2,5)',
      'Dịch vụ trực tuyến: ở đây 11,2, trên Cổng 12 (chênh −0,8)',
    ]);
    expect(portal.textContent).toContain('dvcqg-2026-11.csv');
  });

  it('says no portal figure was imported when there is none', () => {
    render(<Breakdown data={scopeResponse(wardIndex('full'))} />);
    expect(screen.queryByTestId('si-portal')).toBeNull();
    expect(screen.getByText('Chưa nhập điểm của Cổng cho kỳ này.')).toBeTruthy();
  });
});

describe('RankingTable', () => {
  const rows = [
    row({ code: 'a', name: 'Phường A', rank: 2, total: 85, grade: 'good', improvementRank: 1, change: 4 }),
    row({ code: 'b', name: 'Phường B', rank: 1, total: 91.5, grade: 'excellent', improvementRank: 2, change: -1, portal: PORTAL }),
    row({ code: 'c', name: 'Xã C', rank: 3, total: 45, grade: 'weak', improvementRank: null, change: null }),
  ];
  const names = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getByRole('button').textContent);

  it('ranks by total with the grade in words, and by improvement when asked', () => {
    const { rerender } = render(<RankingTable id="t" title="Bảng" rows={rows} order="rank" selected={null} onSelect={() => {}} />);
    expect(names()).toEqual(['Phường B', 'Phường A', 'Xã C']);
    const first = screen.getAllByRole('row')[1];
    expect(first.textContent).toContain('Xuất sắc');
    expect(screen.getAllByRole('row')[3].textContent).toContain('Yếu');
    rerender(<RankingTable id="t" title="Bảng" rows={rows} order="improvement" selected={null} onSelect={() => {}} />);
    expect(names()).toEqual(['Phường A', 'Phường B', 'Xã C']);
  });

  it('adds the portal’s figure and the flagged difference once a figure is imported', () => {
    render(<RankingTable id="t" title="Bảng" rows={rows} order="rank" selected={null} onSelect={() => {}} />);
    const b = screen.getAllByRole('row')[1];
    expect(within(b).getByText('84,10')).toBeTruthy();
    // A column keeps both decimals so it aligns: 91,50 over 87,25, not 91,5.
    expect(b.querySelector('[data-col="total"]')!.textContent).toBe('91,50');
    expect(b.querySelector('[data-col="difference"]')!.textContent).toBe('−3,60Lệch quá ngưỡng');
    expect(screen.getAllByRole('row')[2].querySelector('[data-col="difference"]')).toBeNull();
  });
});
