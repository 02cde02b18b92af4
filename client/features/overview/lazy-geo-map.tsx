/**
 * The geographic map in its own chunk with Leaflet (≈ 50 kB compressed): a phone opens on the tile
 * cartogram and never needs it. A wide screen opens on the map, so the chunk is asked for at start-up
 * and the first render waits for it (main.tsx): once here, the map is drawn in that render instead of
 * a "loading" placeholder, a suspension and a render more.
 */
import { lazy, useState } from 'react';
import { NARROW_QUERY } from '../../lib/narrow-screen';
import type * as GeoMapChunk from './GeoMap';
import type { GeoMapProps } from './GeoMap';

type GeoMapModule = typeof GeoMapChunk;

let loaded: GeoMapModule | null = null;
let loading: Promise<GeoMapModule> | null = null;

const load = (): Promise<GeoMapModule> => {
  loading ??= import('./GeoMap').then((m) => (loaded = m));
  return loading;
};

const LazyGeoMap = lazy(() => load().then((m) => ({ default: m.GeoMap })));

/**
 * The map: drawn at once when its chunk has arrived, else through React.lazy (a Suspense boundary above
 * shows the placeholder). Chosen once per mount: switching component types would rebuild the Leaflet map.
 */
export function GeoMap(props: GeoMapProps) {
  const [Chosen] = useState(() => loaded?.GeoMap ?? LazyGeoMap);
  return <Chosen {...props} />;
}

/** Called once at start-up: loads the chunk now unless the screen is phone-narrow (null then). */
export function preloadGeoMapUnlessNarrow(): Promise<unknown> | null {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function' || window.matchMedia(NARROW_QUERY).matches) return null;
  return load();
}
