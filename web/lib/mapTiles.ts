// Map tile settings shared by every Leaflet map: a runtime window config wins over the build-time variable; none = no tiles.
import L from 'leaflet';

/** Tile settings, or null when no tile server is configured (the map then shows a plain background). */
export function tileSettings(): { url: string; attribution: string } | null {
  const runtime = window.JIAYUAN_CONFIG;
  const url = runtime?.mapTileUrl ?? import.meta.env.VITE_MAP_TILE_URL;
  if (!url) return null;
  return { url, attribution: runtime?.mapTileAttribution ?? import.meta.env.VITE_MAP_TILE_ATTRIBUTION ?? '' };
}

/** Adds the configured tile layer to a map, if any; answers whether it did. */
export function addTiles(map: L.Map): boolean {
  const tiles = tileSettings();
  if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
  return tiles !== null;
}

/** The centre of the demo district, used when nothing better is known. */
export const FALLBACK_CENTRE: L.LatLngTuple = [39.96, 116.39];
