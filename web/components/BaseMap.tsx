// The base under every Leaflet map: the configured tiles, or else the territory itself (area outlines with their names,
// estates and buildings where their shape is known), fitted to what the map is about rather than to a fixed centre.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { PublicOutline } from '../../contracts/territory';
import { useCan } from '../app/session';
import { api } from '../lib/api';
import { addTiles, FALLBACK_CENTRE } from '../lib/mapTiles';
import { textContent } from '../lib/textContent';
import type { Geometry, Page, TerritoryNode } from '../lib/types';

export type Outline = { id: number; kind: string; name: string; parentId: number | null; geometry: Geometry };
export type Bounds = [[number, number], [number, number]];

const OUTLINES_KEY = ['territory', 'outlines'] as const;

/** The public outlines (names and shapes of areas): one community's (the one holding `within`) or all. */
export function useOutlines(within: number | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...OUTLINES_KEY, within ?? 'all'],
    queryFn: () =>
      api.get<{ items: PublicOutline[]; truncated: boolean }>('/api/territory/outlines', { within: within ?? null }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Estates and buildings with a known shape under a node, for staff who may read the territory (never residents). */
function useDetail(under: number | null | undefined) {
  const canRead = useCan('territory.read');
  return useQuery({
    queryKey: ['territory', 'detail-outlines', under],
    queryFn: async () => {
      const kinds = ['estate', 'building'] as const;
      const pages = await Promise.all(
        kinds.map((kind) =>
          api.get<Page<TerritoryNode>>('/api/territory/nodes', { under, kind, withGeometry: true, limit: 200 }),
        ),
      );
      return pages.flatMap((p) => p.items).filter((n) => n.geometry !== null) as Outline[];
    },
    enabled: canRead && !!under,
    staleTime: 10 * 60_000,
  });
}

const STYLE: Record<string, L.PathOptions> = {
  district: { color: '#5b6b7a', weight: 2.5, fill: false, dashArray: '8 6' },
  street: { color: '#5b6b7a', weight: 1.5, fill: false },
  community: { color: '#1f5fa8', weight: 2, fillColor: '#dbe8f6', fillOpacity: 0.35 },
  grid: { color: '#4a90d9', weight: 1, fillColor: '#ffffff', fillOpacity: 0.25 },
  estate: { color: '#2e7d32', weight: 1, fillColor: '#c8e6c9', fillOpacity: 0.5 },
  building: { color: '#8d6e63', weight: 1, fillColor: '#d7ccc8', fillOpacity: 0.7 },
};
/** Labelled only when nothing finer is: a district or street name gives way to its communities' names. */
const COARSE = new Set(['district', 'street']);
const PERMANENT = new Set(['district', 'street', 'community', 'grid']);

/** The SVG renderer of the base: its own pane, under markers and shapes the map is about (overlayPane is 400). */
function basePane(map: L.Map): L.Renderer {
  if (!map.getPane('jy-base')) map.createPane('jy-base').style.zIndex = '350';
  return L.svg({ pane: 'jy-base' });
}

/** About how wide a label is at 12px: Chinese characters full width, the rest about half. */
const textWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);

type Drawn = { layer: L.FeatureGroup; bounds: L.LatLngBounds; labels: () => void };

/**
 * Draws outlines as labelled polygons (names as text nodes, never HTML). Labels show only where the polygon is wide
 * enough on screen for its name, in the middle of its part on screen; `labels()` re-decides after each move. `onClick` makes the polygons clickable.
 */
export function drawOutlines(
  map: L.Map,
  outlines: Outline[],
  opts: { style?: (o: Outline) => L.PathOptions; onClick?: (o: Outline) => void; pane?: boolean } = {},
): Drawn {
  const renderer = opts.pane === false ? undefined : basePane(map);
  const layer = L.featureGroup().addTo(map);
  const entries: { outline: Outline; polygon: L.Polygon; label: L.Tooltip }[] = [];
  for (const outline of outlines) {
    const shape = L.geoJSON(
      outline.geometry as GeoJSON.Geometry,
      {
        style: () => ({
          ...(STYLE[outline.kind] ?? STYLE.grid),
          className: `jy-outline-${outline.kind}`,
          ...opts.style?.(outline),
        }),
        interactive: !!opts.onClick,
        renderer,
      } as L.GeoJSONOptions,
    );
    const polygon = shape.getLayers()[0] as L.Polygon | undefined;
    if (!polygon) continue;
    shape.addTo(layer);
    if (opts.onClick) polygon.on('click', () => opts.onClick!(outline));
    const label = L.tooltip({
      permanent: true,
      direction: outline.kind === 'community' ? 'bottom' : 'center',
      className: `jy-grid-label jy-label-${outline.kind}`,
      interactive: false,
    }).setContent(textContent(outline.name));
    entries.push({ outline, polygon, label });
  }
  /** The part of an area on screen, or null when none is (a label names what can be seen). */
  const visiblePart = (e: (typeof entries)[number]): L.LatLngBounds | null => {
    const b = e.polygon.getBounds();
    const v = map.getBounds();
    if (!b.intersects(v)) return null;
    return L.latLngBounds(
      [Math.max(b.getSouth(), v.getSouth()), Math.max(b.getWest(), v.getWest())],
      [Math.min(b.getNorth(), v.getNorth()), Math.min(b.getEast(), v.getEast())],
    );
  };
  const fits = (e: (typeof entries)[number], part: L.LatLngBounds | null) => {
    if (!part) return false;
    const sw = map.latLngToContainerPoint(part.getSouthWest());
    const ne = map.latLngToContainerPoint(part.getNorthEast());
    return ne.x - sw.x >= textWidth(e.outline.name) + 12 && sw.y - ne.y >= 18;
  };
  const labels = () => {
    const parts = new Map(entries.map((e) => [e.outline.id, visiblePart(e)]));
    const shown = new Set<number>();
    for (const e of entries)
      if (!COARSE.has(e.outline.kind) && PERMANENT.has(e.outline.kind) && fits(e, parts.get(e.outline.id)!))
        shown.add(e.outline.id);
    const finerShown = entries.some((e) => shown.has(e.outline.id) && e.outline.kind === 'community');
    for (const e of entries) {
      const part = parts.get(e.outline.id)!;
      const show = COARSE.has(e.outline.kind) ? !finerShown && fits(e, part) : shown.has(e.outline.id);
      if (show && part) {
        // In what is on screen; a community's name at its top edge, clear of its grids' names.
        // A grid's name sits below the middle, where the point a map is about (usually central) does not cover it.
        const lat = part.getSouth() + (part.getNorth() - part.getSouth()) * 0.3;
        e.label.setLatLng(
          e.outline.kind === 'community' ? [part.getNorth(), part.getCenter().lng] : [lat, part.getCenter().lng],
        );
        if (!map.hasLayer(e.label)) e.label.addTo(map);
      }
      if (!show && map.hasLayer(e.label)) e.label.remove();
    }
  };
  // Estates and buildings name themselves on hover; a clickable area too small for its label shows it on hover.
  for (const e of entries) {
    if (!PERMANENT.has(e.outline.kind)) e.polygon.bindTooltip(textContent(e.outline.name));
    else if (opts.onClick) {
      e.polygon.on('mouseover', (ev: L.LeafletMouseEvent) => e.label.setLatLng(ev.latlng).addTo(map));
      e.polygon.on('mouseout', labels);
    }
  }
  map.on('moveend', labels);
  layer.on('remove', () => {
    map.off('moveend', labels);
    for (const e of entries) e.label.remove();
  });
  labels();
  return { layer, bounds: layer.getBounds(), labels };
}

/** A box of about `metres` around a point, for fitting a map to one place. */
export function around(point: { lat: number; lng: number }, metres = 250): Bounds {
  const dLat = metres / 111_000;
  const dLng = dLat / Math.max(0.2, Math.cos((point.lat * Math.PI) / 180));
  return [
    [point.lat - dLat, point.lng - dLng],
    [point.lat + dLat, point.lng + dLng],
  ];
}

/** The bounds of some points (null for none), at least about `minMetres` across, for fitting a map to its data. */
export function boundsOf(points: { lat: number; lng: number }[], minMetres = 500): Bounds | null {
  if (points.length === 0) return null;
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const [s, w, n, e] = [Math.min(...lats), Math.min(...lngs), Math.max(...lats), Math.max(...lngs)];
  // A point (or a tight cluster) is a place, not an area: show its surroundings too.
  const [[ms, mw], [mn, me]] = around({ lat: (s + n) / 2, lng: (w + e) / 2 }, minMetres / 2);
  return [
    [Math.min(s, ms), Math.min(w, mw)],
    [Math.max(n, mn), Math.max(e, me)],
  ];
}

/** Maps whose caller has moved the view on purpose (to a picked point): no refit takes it away again. */
const held = new WeakSet<L.Map>();

/** Keeps the map's current view through resizes and late outlines, until its `fit` changes. */
export function keepView(map: L.Map) {
  held.add(map);
}

type Options = {
  /** The territory to draw: the community holding this node, all areas (`'all'`), or none (the caller draws its own). */
  territory: number | 'all' | null;
  /** What the map is about; null fits the territory drawn. Refitted when it changes, and on resizes until the user moves. */
  fit: Bounds | null;
  /** Estates and buildings under this node, when the user may read the territory. */
  detailUnder?: number | null;
  mapOptions?: L.MapOptions;
  /** Largest zoom a fit may reach. */
  maxZoom?: number;
};

/**
 * Makes a Leaflet map in `element` with its base (tiles when configured, the territory always) and keeps it fitted.
 * Answers the map once it exists, for the caller's own layers; the container carries `data-bounds` (south,west,
 * north,east of the view) and `data-outlines` (areas drawn) so journeys can check what is shown.
 */
export function useBaseMap(element: RefObject<HTMLDivElement | null>, opts: Options): L.Map | null {
  const [map, setMap] = useState<L.Map | null>(null);
  const outlines = useOutlines(opts.territory === 'all' ? null : opts.territory, opts.territory !== null);
  const detail = useDetail(opts.detailUnder);
  const drawn = useRef<L.LatLngBounds | null>(null);
  const userMoved = useRef(false);
  const fitRef = useRef(opts.fit);
  fitRef.current = opts.fit;
  const maxZoom = opts.maxZoom ?? 17;

  const refit = (m: L.Map) => {
    const target = fitRef.current ? L.latLngBounds(fitRef.current) : drawn.current;
    if (!target?.isValid() || m.getContainer().clientWidth === 0) return;
    m.fitBounds(target, { padding: [16, 16], maxZoom, animate: false });
  };

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    // A view first: Leaflet cannot draw vector layers on a map without one.
    const m = L.map(el, { zoomSnap: 0.25, zoomDelta: 0.5, ...opts.mapOptions }).setView(FALLBACK_CENTRE, 12);
    addTiles(m);
    const report = () => {
      const b = m.getBounds();
      el.dataset.bounds = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((x) => x.toFixed(6)).join(',');
    };
    m.on('moveend', report);
    // Only a person's drag or zoom stops the refitting (programmatic fits fire no dragstart or wheel/click zoom).
    m.on('dragstart', () => (userMoved.current = true));
    el.addEventListener('wheel', () => (userMoved.current = true), { passive: true });
    const observer = new ResizeObserver(() => {
      m.invalidateSize();
      if (!userMoved.current && !held.has(m)) refit(m);
    });
    observer.observe(el);
    setMap(m);
    return () => {
      observer.disconnect();
      m.remove();
      setMap(null);
    };
  }, []);

  // Only when asked for: a disabled query still answers whatever another map cached under its key.
  const areas = opts.territory !== null ? outlines.data?.items : undefined;
  const estates = opts.detailUnder ? detail.data : undefined;
  useEffect(() => {
    if (!map) return;
    const all = [...(areas ?? []), ...(estates ?? [])] as Outline[];
    const d = drawOutlines(map, all);
    drawn.current = d.bounds.isValid() ? d.bounds : null;
    if (element.current) element.current.dataset.outlines = String(areas?.length ?? 0);
    if (!userMoved.current && !held.has(map)) refit(map);
    return () => {
      d.layer.remove();
    };
  }, [map, areas, estates]);

  const fitKey = JSON.stringify(opts.fit);
  useEffect(() => {
    if (!map) return;
    userMoved.current = false;
    held.delete(map);
    refit(map);
  }, [map, fitKey]);

  return map;
}
