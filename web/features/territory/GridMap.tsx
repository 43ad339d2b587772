// The map tab: the grids under a node drawn as labelled, clickable polygons on the shared base map.
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { boundsOf, drawOutlines, useBaseMap, type Outline } from '../../components/BaseMap';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tileSettings } from '../../lib/mapTiles';
import { geometryPoints } from '../../lib/geometryPoints';
import type { Geometry, TerritoryNode } from '../../lib/types';
import { TERRITORY_KEY, fetchGridsWithGeometry } from './api';

type Props = { node: TerritoryNode; onOpen: (id: number) => void };

const outlineOf = (n: TerritoryNode): Outline => ({
  id: n.id,
  kind: n.kind,
  name: n.name,
  parentId: n.parentId,
  geometry: n.geometry as Geometry,
});

/** The node's own boundary (dashed) and its grids, clickable and labelled, fitted to them all. */
function GridShapes({ node, outlines, onOpen }: { node: TerritoryNode; outlines: Outline[]; onOpen: Props['onOpen'] }) {
  const element = useRef<HTMLDivElement>(null);
  const fit = boundsOf(outlines.flatMap((o) => geometryPoints(o.geometry)));
  const map = useBaseMap(element, {
    territory: null,
    fit,
    mapOptions: { zoomControl: true, attributionControl: true },
  });
  const signature = outlines.map((o) => `${o.id}:${o.name}`).join(',');

  useEffect(() => {
    if (!map) return;
    const drawn = drawOutlines(map, outlines, {
      style: (o) =>
        o.id === node.id
          ? { color: '#b71c1c', weight: 2, fillOpacity: 0.03, dashArray: '6 4' }
          : { color: '#1f5fa8', weight: 1.5, fillColor: '#4a90d9', fillOpacity: 0.18 },
      onClick: (o) => o.id !== node.id && onOpen(o.id),
    });
    return () => {
      drawn.layer.remove();
    };
    // Redraw only when the set of polygons changes (signature), not on every render.
  }, [map, signature, node.id]);

  return <div ref={element} className="jy-map" data-testid={TID.territoryMap} />;
}

export function GridMap({ node, onOpen }: Props) {
  const t = useT();
  const grids = useQuery({
    queryKey: [...TERRITORY_KEY, 'grids', node.id],
    queryFn: () => fetchGridsWithGeometry(node.id),
  });
  const drawable = (grids.data ?? []).filter((g) => g.geometry !== null);
  const outlines = [...(node.geometry ? [node] : []), ...drawable].map(outlineOf);

  if (grids.isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (grids.isError) return <ErrorAlert error={grids.error} onRetry={() => void grids.refetch()} />;
  if (outlines.length === 0) return <EmptyText description={t('territory.mapEmpty')} />;

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
      <GridShapes node={node} outlines={outlines} onOpen={onOpen} />
    </>
  );
}
