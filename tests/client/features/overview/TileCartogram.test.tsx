// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import type { UnitInfo } from '../../../../shared/contract/api';
import { TileCartogram } from '../../../../client/features/overview/TileCartogram';

const units: UnitInfo[] = readFileSync(resolve(process.cwd(), 'fixtures/jurisdiction/hcmc-units.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [code, type, name, fullName, nameEn, lat, lon, area, population] = line.split(',');
    return { code, type: type as UnitInfo['type'], name, fullName, nameEn, lat: +lat, lon: +lon, areaKm2: +area, population: +population };
  });

function renderTiles() {
  return render(
    <TileCartogram
      units={units}
      views={{}}
      tileValue={() => '—'}
      changed={[]}
      changeCount={0}
      hrefOf={(c) => `/units/${c}`}
      onSelect={() => {}}
      ariaLabel="Bản đồ ô"
    />,
  );
}

/** A ResizeObserver that reports one size for every element it observes. */
function stubResizeObserver(width: number, height: number): () => void {
  let fire: (() => void) | null = null;
  class FixedSize {
    constructor(private cb: ResizeObserverCallback) {}
    observe() {
      fire = () => this.cb([{ contentRect: { width, height } } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    disconnect() {}
    unobserve() {}
  }
  vi.stubGlobal('ResizeObserver', FixedSize);
  return () => fire?.();
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TileCartogram', () => {
  it('gives every tile its full name as title and accessible name, and a short label unique in the city', () => {
    const { container } = renderTiles();
    const tiles = [...container.querySelectorAll('a.tile')];
    expect(tiles).toHaveLength(168);
    const labels = tiles.map((a) => a.getAttribute('data-label')!);
    expect(new Set(labels).size).toBe(168);
    for (const a of tiles) {
      const unit = units.find((u) => a.getAttribute('data-testid') === `map-unit-${u.code}`)!;
      expect(a.querySelector('title')?.textContent).toBe(unit.fullName);
      expect(a.getAttribute('aria-label')).toBe(unit.fullName);
      expect(a.querySelector('.tile__abbr')?.textContent).toBe(a.getAttribute('data-label'));
      expect(Array.from(a.getAttribute('data-label')!).length).toBeLessThanOrEqual(4);
    }
  });

  it('shows short labels on small tiles and full names where tiles are large (a 4K wall)', () => {
    const fireSmall = stubResizeObserver(1300, 700);
    const small = renderTiles();
    act(() => fireSmall());
    expect(small.container.querySelector('.tiles-frame')?.getAttribute('data-full-names')).toBe('false');
    expect(small.container.querySelectorAll('.tile__name')).toHaveLength(0);
    cleanup();

    const fireLarge = stubResizeObserver(2800, 1900);
    const large = renderTiles();
    act(() => fireLarge());
    const frame = large.container.querySelector('.tiles-frame')!;
    expect(Number(frame.getAttribute('data-tile-px'))).toBeGreaterThanOrEqual(100);
    expect(frame.getAttribute('data-full-names')).toBe('true');
    const tile = large.container.querySelector('[data-testid="map-unit-26740"]')!;
    const unit = units.find((u) => u.code === '26740')!;
    expect(tile.querySelector('.tile__name')?.textContent?.replace(/\s+/g, '')).toBe(unit.name.replace(/\s+/g, ''));
    expect(large.container.querySelectorAll('.tile__name').length).toBeGreaterThan(150);
  });
});
