/**
 * The geographic map in its own chunk with Leaflet (≈ 50 kB compressed): a phone opens on the tile
 * cartogram and never needs it. A wide screen opens on the map, so the chunk is asked for at start-up,
 * beside the first render rather than after it.
 */
import { lazy } from 'react';
import { NARROW_QUERY } from '../../lib/narrow-screen';

const load = () => import('./GeoMap');

export const GeoMap = lazy(() => load().then((m) => ({ default: m.GeoMap })));

/** Called once at start-up: loads the chunk now unless the screen is phone-narrow. */
export function preloadGeoMapUnlessNarrow(): void {
  if (typeof window !== 'undefined' && typeof window.matchMedia === 'function' && !window.matchMedia(NARROW_QUERY).matches) void load();
}
