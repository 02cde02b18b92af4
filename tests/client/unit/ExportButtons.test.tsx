// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportButtons } from '../../../client/features/unit/ExportButtons';
import { i18next } from '../../../client/i18n';
import { json, renderRoute, stubApi } from './render-helpers';

const REQUEST = { table: 'dossiers', code: '26740', status: 'overdue', sort: 'dueAt', dir: 'asc' } as const;

function file(name: string, rows = 2, total = rows): Response {
  return new Response('bytes', {
    status: 200,
    headers: { 'Content-Disposition': `attachment; filename="${name}"`, 'X-Export-Rows': String(rows), 'X-Export-Total': String(total) },
  });
}

describe('ExportButtons', () => {
  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = vi.fn(() => 'blob:test');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    await act(() => i18next.changeLanguage('vi'));
  });

  function renderButtons() {
    renderRoute('/u', '/u', <ExportButtons label="Hồ sơ quá hạn" request={REQUEST} />);
    return within(screen.getByRole('group', { name: 'Xuất Hồ sơ quá hạn' }));
  }

  it('offers Excel (.xlsx) first and CSV second, as native buttons reachable by keyboard', () => {
    const group = renderButtons();
    const buttons = group.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Tải Excel (.xlsx)', 'CSV']);
    expect(buttons[0]).toHaveProperty('type', 'button');
    expect(buttons[0].getAttribute('aria-label')).toBe('Tải Excel (.xlsx): Hồ sơ quá hạn');
    expect(buttons[1].getAttribute('aria-label')).toBe('Tải CSV: Hồ sơ quá hạn');
    for (const b of buttons) expect(b.tabIndex).toBe(0);
    buttons[0].focus();
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('downloads the .xlsx built by the server for the table as shown, in the UI language', async () => {
    const api = stubApi([[/^\/api\/v1\/exports\/dossiers$/, () => file('ho-so-qua-han-26740.xlsx')]]);
    vi.stubGlobal('fetch', api);
    const group = renderButtons();
    fireEvent.click(group.getByRole('button', { name: /Excel/ }));
    await waitFor(() => expect(saved).toEqual(['ho-so-qua-han-26740.xlsx']));
    const url = new URL(String(api.mock.calls.find(([u]) => String(u).includes('/exports/'))![0]), 'http://localhost');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      code: '26740',
      format: 'xlsx',
      lang: 'vi',
      status: 'overdue',
      sort: 'dueAt',
      dir: 'asc',
    });
  });

  it('asks for an English CSV when the UI is in English', async () => {
    const api = stubApi([[/^\/api\/v1\/exports\/dossiers$/, () => file('ho-so-qua-han-26740.csv')]]);
    vi.stubGlobal('fetch', api);
    renderRoute('/u', '/u', <ExportButtons label="Overdue" request={REQUEST} />);
    // renderRoute starts in Vietnamese; the user then switches the UI to English.
    await act(() => i18next.changeLanguage('en'));
    const group = within(screen.getByRole('group', { name: 'Export Overdue' }));
    expect(group.getAllByRole('button').map((b) => b.textContent)).toEqual(['Download Excel (.xlsx)', 'CSV']);
    fireEvent.click(group.getByRole('button', { name: 'Download CSV: Overdue' }));
    await waitFor(() => expect(saved).toEqual(['ho-so-qua-han-26740.csv']));
    const url = new URL(String(api.mock.calls.find(([u]) => String(u).includes('/exports/'))![0]), 'http://localhost');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('lang')).toBe('en');
  });

  it('says when the list was cut, and saves nothing when the server refuses', async () => {
    vi.stubGlobal('fetch', stubApi([[/^\/api\/v1\/exports\/dossiers$/, () => file('a.xlsx', 10_000, 12_345)]]));
    let group = renderButtons();
    fireEvent.click(group.getByRole('button', { name: /Excel/ }));
    expect(await group.findByRole('status')).toHaveProperty('textContent', expect.stringContaining('Chỉ xuất'));
    cleanup();
    saved.length = 0;

    vi.stubGlobal('fetch', stubApi([[/^\/api\/v1\/exports\/dossiers$/, () => json({ error: { code: 'forbidden', message: 'no' } }, 403)]]));
    group = renderButtons();
    fireEvent.click(group.getByRole('button', { name: /CSV/ }));
    expect(await group.findByRole('status')).toHaveProperty('textContent', 'Tài khoản của bạn không được xuất bảng này.');
    expect(saved).toEqual([]);
  });
});
