// Types of the build-time variables and the optional runtime config the web reads.
interface ImportMetaEnv {
  /** Leaflet tile URL template, e.g. https://tiles.example/{z}/{x}/{y}.png; unset = plain background. */
  readonly VITE_MAP_TILE_URL?: string;
  readonly VITE_MAP_TILE_ATTRIBUTION?: string;
}

interface Window {
  /** Optional settings injected by the hosting page at run time (overrides the build-time ones). */
  JIAYUAN_CONFIG?: { mapTileUrl?: string; mapTileAttribution?: string };
}
