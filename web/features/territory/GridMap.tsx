// The map tab: the grids under a node drawn as labelled polygons with Leaflet (tiles only when configured).
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tileSettings } from '../../lib/mapTiles';
import { textContent } from '../../lib/textContent';
import type { Geometry, TerritoryNode } from '../../lib/types';
import { TERRITORY_KEY, fetchGridsWithGeometry } from './api';

type Props = { node: TerritoryNode; onOpen: (id: number) => void };

function feature(node: TerritoryNode, geometry: Geometry): GeoJSON.Feature {
  return { type: 'Feature', properties: { id: node.id, name: node.name, self: false }, geometry };
}

export function GridMap({ node, onOpen }: Props) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const grids = useQuery({
    queryKey: [...TERRITORY_KEY, 'grids', node.id],
    queryFn: () => fetchGridsWithGeometry(node.id),
  });
  const drawable = (grids.data ?? []).filter((g) => g.geometry !== null);
  const own = node.geometry ? [feature(node, node.geometry)] : [];
  const features = [...own, ...drawable.map((g) => feature(g, g.geometry as Geometry))];
  const signature = features.map((f) => f.properties?.id as number).join(',');

  useEffect(() => {
    const element = container.current;
    if (!element || features.length === 0) return;
    const map = L.map(element, { zoomControl: true, attributionControl: true, zoomSnap: 0.25, zoomDelta: 0.5 });
    const tiles = tileSettings();
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
    const layer = L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection, {
      style: (f) =>
        f?.properties?.id === node.id
          ? { color: '#b71c1c', weight: 2, fillOpacity: 0.03, dashArray: '6 4' }
          : { color: '#1f5fa8', weight: 1.5, fillColor: '#4a90d9', fillOpacity: 0.18 },
      onEachFeature: (f, polygon) => {
        const props = f.properties as { id: number; name: string };
        if (props.id === node.id) return;
        polygon.bindTooltip(textContent(props.name), {
          permanent: true,
          direction: 'center',
          className: 'jy-grid-label',
        });
        polygon.on('click', () => onOpen(props.id));
      },
    }).addTo(map);
    const bounds = layer.getBounds();
    const fit = () => bounds.isValid() && map.fitBounds(bounds, { padding: [16, 16] });
    fit();
    // Label only polygons wide enough on screen for their name; the others show it on hover.
    const labelFits = (polygon: L.Polygon) => {
      const b = polygon.getBounds();
      const width = map.latLngToContainerPoint(b.getNorthEast()).x - map.latLngToContainerPoint(b.getSouthWest()).x;
      return (
        width >= 14 * ((polygon.getTooltip()?.getContent() as HTMLElement | undefined)?.textContent?.length ?? 0) + 8
      );
    };
    const updateLabels = () =>
      layer.eachLayer((l) => {
        const polygon = l as L.Polygon;
        if (!polygon.getTooltip()) return;
        if (labelFits(polygon)) polygon.openTooltip();
        else polygon.closeTooltip();
      });
    layer.eachLayer((l) => {
      const polygon = l as L.Polygon;
      polygon.on('mouseover', () => polygon.openTooltip());
      polygon.on('mouseout', () => !labelFits(polygon) && polygon.closeTooltip());
    });
    map.on('zoomend', updateLabels);
    updateLabels();
    // The tab may still be laying out when the map is made: re-measure once it has a size, and on resizes.
    let fitted = false;
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      if (!fitted && element.clientWidth > 0) {
        fitted = true;
        fit();
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      map.remove();
    };
    // Redraw only when the set of polygons changes (signature), not on every render.
  }, [signature, node.id]);

  if (grids.isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (grids.isError) return <ErrorAlert error={grids.error} onRetry={() => void grids.refetch()} />;
  if (features.length === 0) return <EmptyText description={t('territory.mapEmpty')} />;

  const missing = (grids.data?.length ?? 0) - drawable.length;
  return (
    <>
      {!tileSettings() && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('territory.mapNoTiles')}
        </Typography.Paragraph>
      )}
      {missing > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('territory.mapMissing', { count: missing })}
        />
      )}
      <div ref={container} className="jy-map" data-testid={TID.territoryMap} />
    </>
  );
}
