// The inbox map tab: open cases that have a location, as markers (red when overdue); tiles only when configured.
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { OPEN_STATUSES } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, type Query } from '../../lib/api';
import { addTiles, FALLBACK_CENTRE, tileSettings } from '../../lib/mapTiles';
import { textContent } from '../../lib/textContent';
import type { CaseSummary, Page } from '../../lib/types';
import { CASES_KEY, CASES_PATH } from './api';
import { useOwnArea } from './useOwnArea';

const PAGE = 200;
const MAX_PAGES = 5;

/** Open cases with a point, newest first, following cursors up to a cap (the server has no map query of its own). */
async function fetchOpenWithLocation(filters: Query): Promise<{ items: CaseSummary[]; capped: boolean }> {
  const items: CaseSummary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await api.get<Page<CaseSummary>>(CASES_PATH, { ...filters, box: 'all', limit: PAGE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < MAX_PAGES);
  const open = items.filter((c) => c.location && OPEN_STATUSES.includes(c.status));
  return { items: open, capped: cursor !== undefined };
}

export function CasesMap({ filters }: { filters: Query }) {
  const t = useT();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const result = useQuery({
    queryKey: [...CASES_KEY, 'list', 'map', filters],
    queryFn: () => fetchOpenWithLocation(filters),
  });
  const area = useOwnArea();
  const cases = result.data?.items ?? [];
  const signature = `${cases.map((c) => `${c.id}:${c.status}:${c.overdue}`).join(',')}|${area.data?.length ?? 0}`;

  useEffect(() => {
    const element = container.current;
    if (!element || cases.length === 0) return;
    // A view first: Leaflet cannot draw vector layers on a map without one.
    const map = L.map(element, { zoomSnap: 0.25 }).setView(FALLBACK_CENTRE, 12);
    addTiles(map);
    // Without tiles the user's own area outline gives the markers a place.
    for (const g of area.data ?? []) {
      L.geoJSON(g as GeoJSON.Geometry, {
        style: { color: '#1f5fa8', weight: 1.5, fillOpacity: 0.04, dashArray: '6 4' },
        interactive: false,
      }).addTo(map);
    }
    const markers = cases.map((c) => {
      const marker = L.circleMarker([c.location!.lat, c.location!.lng], {
        radius: 8,
        color: c.overdue ? '#b71c1c' : '#1f5fa8',
        fillColor: c.overdue ? '#ff4d4f' : '#4a90d9',
        fillOpacity: 0.8,
        weight: 2,
      });
      marker.bindTooltip(textContent(`${c.number} · ${c.categoryName}`, c.description.slice(0, 40)), {
        direction: 'top',
      });
      marker.on('click', () => navigate(`/cases/${c.id}`));
      return marker.addTo(map);
    });
    const bounds = L.featureGroup(markers).getBounds();
    const fit = () => bounds.isValid() && map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
    fit();
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      fit();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      map.remove();
    };
    // Redraw only when the set of markers changes.
  }, [signature]);

  if (result.isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (result.isError) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (cases.length === 0) return <EmptyText description={t('cases.mapEmpty')} />;
  return (
    <>
      {!tileSettings() && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('territory.mapNoTiles')}
        </Typography.Paragraph>
      )}
      {result.data?.capped && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('cases.mapCapped', { count: cases.length })}
        />
      )}
      <div ref={container} className="jy-map" data-testid={TID.caseMap} data-count={cases.length} />
    </>
  );
}
