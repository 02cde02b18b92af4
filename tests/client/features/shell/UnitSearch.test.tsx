// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { JurisdictionResponse } from '../../../../shared/contract/api';
import { UnitSearch } from '../../../../client/features/shell/UnitSearch';
import { initI18n } from '../../../../client/i18n';

const JURISDICTION: JurisdictionResponse = {
  code: '79',
  name: 'Thành phố Hồ Chí Minh',
  nameEn: 'Ho Chi Minh City',
  units: [
    {
      code: '26734',
      type: 'Phường',
      name: 'Tân Định',
      fullName: 'Phường Tân Định',
      nameEn: 'Tan Dinh',
      lat: 10.79,
      lon: 106.69,
      areaKm2: 1.6,
      population: 60_000,
    },
    {
      code: '26740',
      type: 'Phường',
      name: 'Sài Gòn',
      fullName: 'Phường Sài Gòn',
      nameEn: 'Sai Gon',
      lat: 10.78,
      lon: 106.7,
      areaKm2: 2.5,
      population: 45_000,
    },
    {
      code: '27004',
      type: 'Xã',
      name: 'Tân Nhựt',
      fullName: 'Xã Tân Nhựt',
      nameEn: 'Tan Nhut',
      lat: 10.7,
      lon: 106.55,
      areaKm2: 40,
      population: 50_000,
    },
  ],
  departments: [{ code: 'STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice', shortName: 'Tư pháp' }],
} as JurisdictionResponse;

function Location() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

async function renderSearch() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(JURISDICTION), { status: 200, headers: { 'Content-Type': 'application/json' } })),
  );
  render(
    <MemoryRouter initialEntries={['/?period=week']}>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <Location />
              <UnitSearch />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  const input = screen.getByRole('combobox');
  fireEvent.focus(input);
  // The jurisdiction is loaded once (and cached for the page).
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return input;
}

const optionNames = () => screen.queryAllByRole('option').map((o) => o.querySelector('.search__name')?.textContent);

beforeAll(() => {
  initI18n('vi');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UnitSearch', () => {
  it('finds a ward typed without diacritics, with its type', async () => {
    const input = await renderSearch();
    fireEvent.change(input, { target: { value: 'tan dinh' } });
    expect(optionNames()).toEqual(['Tân Định']);
    expect(screen.getByRole('option').textContent).toContain('Phường');
    expect(input.getAttribute('aria-expanded')).toBe('true');
  });

  it('finds a department by its short name', async () => {
    const input = await renderSearch();
    fireEvent.change(input, { target: { value: 'tu phap' } });
    expect(optionNames()).toEqual(['Sở Tư pháp']);
    expect(screen.getByRole('option').textContent).toContain('Sở, ban, ngành');
  });

  it('moves the active option with the arrows, wrapping around, and opens it with Enter keeping the view', async () => {
    const input = await renderSearch();
    fireEvent.change(input, { target: { value: 'tan' } });
    expect(optionNames()).toHaveLength(2);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const second = screen.getAllByRole('option')[1];
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(second.id);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    const picked = screen.getAllByRole('option')[1].querySelector('.search__name')?.textContent;
    const code = JURISDICTION.units.find((u) => u.name === picked)?.code;
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('location').textContent).toBe(`/units/${code}?period=week`);
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('opens a result pressed with the mouse', async () => {
    const input = await renderSearch();
    fireEvent.change(input, { target: { value: 'sai gon' } });
    fireEvent.mouseDown(screen.getByRole('option'));
    expect(screen.getByTestId('location').textContent).toBe('/units/26740?period=week');
  });

  it('says when nothing matches, and closes the list with Escape', async () => {
    const input = await renderSearch();
    fireEvent.change(input, { target: { value: 'zzzz' } });
    expect(screen.getByRole('listbox').textContent).toBe('Không tìm thấy đơn vị phù hợp');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('listbox', { hidden: true }).hidden).toBe(true);
  });
});
