/**
 * The levels of a national pack's overview: the country (its provinces on the map and tiles) and one
 * province after a drill (`?province=<code>`: its communes). A city pack has one level, its units.
 */
import { useCallback, useMemo } from 'react';
import { useBoundaries, useProvinceBoundaries } from '../../api';
import { useNavigate, useSearchParams } from 'react-router';
import type { BoundariesResponse, JurisdictionResponse, UnitInfo } from '../../../shared/contract/api';
import type { ProvinceInfo } from '../../../shared/contract/provinces';
import type { ScopeKey } from '../../../shared/contract/metrics';

export interface OverviewLevelView {
  /** The jurisdiction has provinces (JURISDICTION=vn). */
  national: boolean;
  /** The province drilled into, or null (the top level). */
  province: ProvinceInfo | null;
  /** The scope of the KPIs: `city` (the city or the country) or `province:<code>`. */
  top: ScopeKey;
  /** What the map and tiles draw: the units (communes of the province), or the provinces at country level. */
  places: UnitInfo[];
  /** Scope key of a place's code: `unit:` or, at country level, `province:`. */
  scopeOf: (code: string) => ScopeKey;
}

/**
 * A province drawn where the map draws units: its code, names and approximate centre (the tile
 * cartogram places it there). The map's labels say what it is (placeLabel), never its `type`.
 */
function provincePlace(p: ProvinceInfo): UnitInfo {
  return {
    code: p.code,
    type: 'Xã',
    name: p.shortName,
    fullName: p.name,
    nameEn: p.nameEn,
    lat: p.lat,
    lon: p.lon,
    areaKm2: 0,
    population: 0,
    province: p.code,
  };
}

/** The level shown, from the jurisdiction and `?province=` (ignored in a city pack or when unknown). */
export function useOverviewLevel(j: JurisdictionResponse | undefined): OverviewLevelView {
  const [sp] = useSearchParams();
  const asked = sp.get('province');
  return useMemo(() => {
    const units = j?.units ?? [];
    if (!j?.provinces) return { national: false, province: null, top: 'city', places: units, scopeOf: (c) => `unit:${c}` };
    const province = j.provinces.find((p) => p.code === asked) ?? null;
    if (province === null)
      return { national: true, province: null, top: 'city', places: j.provinces.map(provincePlace), scopeOf: (c) => `province:${c}` };
    return {
      national: true,
      province,
      top: `province:${province.code}`,
      places: units.filter((u) => u.province === province.code),
      scopeOf: (c) => `unit:${c}`,
    };
  }, [j, asked]);
}

/**
 * The map's cells for the level shown (`enabled`: the geographic map is on): the 34 province cells at
 * country level (not 3,321 commune cells), one province's communes after a drill, a city's units.
 */
export function useLevelBoundaries(enabled: boolean, level: OverviewLevelView) {
  const countryLevel = level.national && level.province === null;
  const communeCells = useBoundaries(enabled && !countryLevel);
  const provinceCells = useProvinceBoundaries(enabled && countryLevel);
  const cells = countryLevel ? provinceCells : communeCells;
  return { ...cells, data: useProvinceCells(cells.data ?? undefined, level.places, level.province) };
}

/**
 * Where a place links to and what selecting it does: a unit's page, or at a national pack's country
 * level the province's drill (its communes).
 */
export function usePlaceLinks(level: OverviewLevelView, linkTo: (path: string, extra?: Record<string, string | null>) => string) {
  const navigate = useNavigate();
  const countryLevel = level.national && level.province === null;
  const hrefOf = useCallback(
    (code: string) => (countryLevel ? linkTo('/', { province: code }) : linkTo(`/units/${encodeURIComponent(code)}`)),
    [countryLevel, linkTo],
  );
  const onSelect = useCallback((code: string) => navigate(hrefOf(code)), [navigate, hrefOf]);
  return useMemo(() => ({ hrefOf, onSelect }), [hrefOf, onSelect]);
}

/** The commune cells of one province out of the country's (null while they load). */
function useProvinceCells(all: BoundariesResponse | undefined, places: readonly UnitInfo[], province: ProvinceInfo | null) {
  return useMemo(() => {
    if (!all || province === null) return all ?? null;
    const codes = new Set(places.map((u) => u.code));
    return { ...all, features: all.features.filter((f) => codes.has(f.properties.code)) };
  }, [all, places, province]);
}
