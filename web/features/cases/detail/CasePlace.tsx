// Where a case is: a small map of its point (or, without one, its grid) over the territory, coordinates beneath.
import { useEffect, useRef } from 'react';
import { Typography } from 'antd';
import L from 'leaflet';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { around, boundsOf, useBaseMap, useOutlines } from '../../../components/BaseMap';
import { geometryPoints } from '../../../lib/geometryPoints';
import type { CaseDetail } from '../../../lib/types';

export function CasePlace({ detail }: { detail: Pick<CaseDetail, 'gridId' | 'location'> }) {
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  const { gridId, location } = detail;
  // Without a point, the case's grid is its place (the same outlines the base map reads, so one request).
  const outlines = useOutlines(gridId, location === null);
  const grid = outlines.data?.items.find((o) => o.id === gridId);
  const fit = location ? around(location, 400) : grid ? boundsOf(geometryPoints(grid.geometry)) : null;
  const map = useBaseMap(element, { territory: gridId, detailUnder: gridId, fit, mapOptions: { zoomSnap: 0.5 } });

  useEffect(() => {
    if (!map || !location) return;
    const marker = L.circleMarker([location.lat, location.lng], {
      radius: 8,
      color: '#b71c1c',
      fillColor: '#ff4d4f',
      fillOpacity: 0.9,
      weight: 2,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, location?.lat, location?.lng]);

  return (
    <div>
      <div
        ref={element}
        className="jy-case-map"
        data-testid={TID.casePlaceMap}
        role="region"
        aria-label={t('case.location')}
      />
      {location && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {location.lat.toFixed(5)}, {location.lng.toFixed(5)}
        </Typography.Text>
      )}
    </div>
  );
}
