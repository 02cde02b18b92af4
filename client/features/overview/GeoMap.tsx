/**
 * The geographic map. MapContainer's props are fixed after the first render (react-leaflet), so
 * the unit polygons are created once per boundaries document and then restyled in place
 * (`setStyle` on layers kept by code) when values, metric or thresholds change: no remount of
 * 168 polygons, no reset of zoom or position. No base map unless a tile URL is configured.
 */
import { useEffect, useRef, type RefObject } from 'react';
import L from 'leaflet';
// Leaflet's sheet comes with the map's chunk (a phone on the tile cartogram never loads either).
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';
import type { BoundariesResponse } from '../../../shared/contract/api';
import { LEVEL_FILL, type Level } from '../../lib/color-scale';

export interface MapUnitView {
  level: Level;
  /** Name and value for the tooltip and the accessible label. */
  label: string;
  valueText: string;
  /** Fill and text colours instead of the level's (a layer with more classes, e.g. the index's five grades). */
  fill?: string;
  ink?: string;
}

export interface GeoMapProps {
  boundaries: BoundariesResponse;
  /** The farthest zoom out (default 7, a city); read at first render only. */
  minZoom?: number;
  /** View of each unit by code (missing: no data). */
  views: Record<string, MapUnitView>;
  /** Codes left out of the initial fit (a far island shown as an inset instead). */
  insetCodes: readonly string[];
  /** Codes whose numbers just changed, and a counter that increments with each change. */
  changed: readonly string[];
  changeCount: number;
  onSelect: (code: string) => void;
  ariaLabel: string;
  tileUrl: string | null;
  tileAttribution: string;
}

/** Highlight length of a unit whose numbers just changed, and when its outline thins. */
const PULSE_MS = 2_400;
const FADE_MS = 1_200;
const PULSE = 'unit-pulse';
const PULSE_FADING = 'unit-pulse--fading';

const HCMC_CENTER: L.LatLngTuple = [10.85, 106.75];

function styleOf(view: MapUnitView | undefined, hover = false): L.PathOptions {
  const level = view?.level ?? 'none';
  return {
    fillColor: view?.fill ?? LEVEL_FILL[level],
    fillOpacity: 0.92,
    color: hover ? '#101828' : '#FFFFFF',
    weight: hover ? 2.5 : 0.8,
    dashArray: level === 'none' ? '3 3' : undefined,
  };
}

/** What the Leaflet handlers read at event time: the latest props, not those of the first render. */
interface Latest {
  views: Record<string, MapUnitView>;
  onSelect: (code: string) => void;
}

type LatestRef = RefObject<Latest>;
type HoveredRef = RefObject<string | null>;
type LayersRef = RefObject<Map<string, L.Path>>;

function UnitLayers({
  boundaries,
  views,
  insetCodes,
  changed,
  changeCount,
  onSelect,
}: Omit<GeoMapProps, 'ariaLabel' | 'tileUrl' | 'tileAttribution'>) {
  const map = useMap();
  const latest = useRef<Latest>({ views, onSelect });
  latest.current = { views, onSelect };
  const hovered = useRef<string | null>(null);
  const layers = useUnitPolygons(map, boundaries, insetCodes.join(','), latest, hovered);
  useSizeFollowsPanel(map);
  useRestyleInPlace(layers, views, hovered);
  usePulseChanged(layers, changed, changeCount);
  return null;
}

/**
 * Creates the polygons once per boundaries document, fits the map to them (leaving out the inset
 * codes, comma-joined) and returns them by unit code. The fit comes before the polygons are added, so
 * each is projected and drawn once, at the final zoom (fitted after, all 168 were drawn again, animated).
 */
function useUnitPolygons(map: L.Map, boundaries: BoundariesResponse, insetKey: string, latest: LatestRef, hovered: HoveredRef): LayersRef {
  const layers = useRef(new Map<string, L.Path>());
  useEffect(() => {
    const byCode = layers.current;
    const exclude = new Set(insetKey ? insetKey.split(',') : []);
    const fitBounds = L.latLngBounds([]);
    const group = L.geoJSON(boundaries as unknown as FeatureCollection, {
      style: (feature) => styleOf(latest.current.views[String(feature?.properties?.code)]),
      onEachFeature: (feature, layer) => {
        const code = String(feature.properties?.code);
        byCode.set(code, layer as L.Path);
        if (!exclude.has(code) && 'getBounds' in layer) {
          fitBounds.extend((layer as L.Polygon).getBounds());
        }
      },
    });
    bindUnitEvents(group, latest, hovered);
    map.invalidateSize({ pan: false });
    if (fitBounds.isValid()) map.fitBounds(fitBounds, { padding: [12, 12], animate: false });
    group.addTo(map);
    performance.mark('bdt:polygons');
    tagPaths(byCode, latest.current.views);
    return () => {
      group.remove();
      byCode.clear();
    };
  }, [map, boundaries, insetKey, latest, hovered]);
  return layers;
}

/** The unit code of a polygon of the boundaries' GeoJSON layer. */
const codeOf = (layer: L.Layer): string =>
  String((layer as L.Path & { feature?: { properties?: { code?: unknown } } }).feature?.properties?.code);

/**
 * Each unit's tooltip, hover outline and click, on the group: its polygons' events reach it with the
 * polygon as `layer`. One set of listeners instead of seven per polygon (1,176 for 168 units) at first load.
 */
function bindUnitEvents(group: L.GeoJSON, latest: LatestRef, hovered: HoveredRef): void {
  group.bindTooltip((layer) => tooltipContent(codeOf(layer), latest.current.views[codeOf(layer)]), {
    sticky: true,
    direction: 'top',
    className: 'map-tooltip',
    opacity: 1,
  });
  group.on('click', (e) => latest.current.onSelect(codeOf(e.propagatedFrom as L.Layer)));
  group.on('mouseover', (e) => {
    const path = e.propagatedFrom as L.Path;
    const code = codeOf(path);
    hovered.current = code;
    path.setStyle(styleOf(latest.current.views[code], true));
    path.bringToFront();
  });
  group.on('mouseout', (e) => {
    const path = e.propagatedFrom as L.Path;
    const code = codeOf(path);
    if (hovered.current === code) hovered.current = null;
    path.setStyle(styleOf(latest.current.views[code]));
  });
}

/** The tooltip's content: the unit's name and value (built as elements: names are text, never HTML). */
function tooltipContent(code: string, v: MapUnitView | undefined): HTMLElement {
  const box = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = v?.label ?? code;
  const value = document.createElement('div');
  value.textContent = v?.valueText ?? '—';
  box.append(name, value);
  return box;
}

/** Stable hooks for tests and styling on each SVG path. */
function tagPaths(byCode: ReadonlyMap<string, L.Path>, views: Record<string, MapUnitView>): void {
  for (const [code, path] of byCode) {
    const el = path.getElement();
    if (!el) continue;
    el.setAttribute('data-testid', `map-unit-${code}`);
    el.setAttribute('data-code', code);
    el.classList.add(`unit-${code}`);
    el.setAttribute('aria-label', views[code]?.label ?? code);
  }
}

/** Keeps Leaflet's idea of the size right when the panel is resized (layout switch, window). */
function useSizeFollowsPanel(map: L.Map): void {
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    ro.observe(map.getContainer());
    return () => ro.disconnect();
  }, [map]);
}

/** What a polygon shows: two views with the same key draw the same. */
const drawnKey = (v: MapUnitView | undefined, hover: boolean): string =>
  v ? `${v.level}|${v.fill ?? ''}|${v.label}|${v.valueText}|${hover ? 1 : 0}` : `none|${hover ? 1 : 0}`;

/**
 * Restyles the polygons in place whenever the values change, only those whose drawing changed: a live
 * update moves a few units, and rewriting all 168 paths' attributes made the browser restyle them all.
 */
function useRestyleInPlace(layers: LayersRef, views: Record<string, MapUnitView>, hovered: HoveredRef): void {
  // Keyed by the path object: polygons created again (new boundaries) are drawn afresh.
  const drawn = useRef(new WeakMap<L.Path, string>());
  useEffect(() => {
    for (const [code, path] of layers.current) {
      const v = views[code];
      const hover = hovered.current === code;
      const key = drawnKey(v, hover);
      if (drawn.current.get(path) === key) continue;
      drawn.current.set(path, key);
      path.setStyle(styleOf(v, hover));
      const el = path.getElement();
      if (el) {
        el.setAttribute('data-level', v?.level ?? 'none');
        el.setAttribute('aria-label', v ? `${v.label}: ${v.valueText}` : code);
      }
    }
  }, [layers, views, hovered]);
}

/**
 * Briefly outlines units whose numbers just changed: a strong outline, a thinner one after FADE_MS, none
 * after PULSE_MS. Classes set on a timer rather than a CSS animation: an animated stroke made the browser
 * restyle and repaint the map on every frame while any unit pulsed, which at 10 updates a second was always
 * (issue 15); now the map is drawn again only at these three moments.
 */
function usePulseChanged(layers: LayersRef, changed: readonly string[], changeCount: number): void {
  // Which update last pulsed each polygon: an earlier update's timers must not touch a later pulse.
  const lastPulse = useRef(new WeakMap<Element, number>());
  const timers = useRef(new Set<number>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((id) => window.clearTimeout(id));
  }, []);
  useEffect(() => {
    if (changeCount === 0 || changed.length === 0) return;
    const els: Element[] = [];
    for (const code of changed) {
      const el = layers.current.get(code)?.getElement();
      if (!el) continue;
      el.classList.remove(PULSE_FADING);
      el.classList.add(PULSE);
      lastPulse.current.set(el, changeCount);
      els.push(el);
    }
    const later = (ms: number, step: (el: Element) => void) => {
      const id = window.setTimeout(() => {
        timers.current.delete(id);
        for (const el of els) if (lastPulse.current.get(el) === changeCount) step(el);
      }, ms);
      timers.current.add(id);
    };
    later(FADE_MS, (el) => el.classList.add(PULSE_FADING));
    later(PULSE_MS, (el) => el.classList.remove(PULSE, PULSE_FADING));
  }, [changeCount]); // keyed by the counter: `changed` belongs to the same update
}

/** Leaflet map of unit polygons coloured by level; see the module comment. */
export function GeoMap(props: GeoMapProps) {
  const { ariaLabel, tileUrl, tileAttribution, minZoom, ...layerProps } = props;
  return (
    <div className="geo-map-frame" role="region" aria-label={ariaLabel}>
      <MapContainer
        className="geo-map"
        center={HCMC_CENTER}
        zoom={9}
        zoomSnap={0.25}
        // The country (a national pack) needs room to fit its length; a city never zooms out that far.
        minZoom={minZoom ?? 7}
        maxZoom={16}
        // Fixed at first render (react-leaflet): attribution only matters with a base map.
        attributionControl={tileUrl != null}
      >
        {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
        <UnitLayers {...layerProps} />
      </MapContainer>
    </div>
  );
}
