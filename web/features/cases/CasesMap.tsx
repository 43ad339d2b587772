// The inbox map tab: open cases that have a location, as markers (red when overdue) over the territory base map.
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import L from 'leaflet';
import { OPEN_STATUSES } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { boundsOf, useBaseMap } from '../../components/BaseMap';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, type Query } from '../../lib/api';
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

/** Open cases as markers over the territory (the staff member's own area outlined), fitted to the markers. */
function CaseMarkers({ cases }: { cases: CaseSummary[] }) {
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const area = useOwnArea();
  const fit = boundsOf(
    cases.map((c) => c.location!),
    1000,
  );
  const map = useBaseMap(element, { territory: 'all', fit, maxZoom: 16 });
  const signature = `${cases.map((c) => `${c.id}:${c.status}:${c.overdue}`).join(',')}|${area.data?.length ?? 0}`;

  useEffect(() => {
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    for (const g of area.data ?? []) {
      L.geoJSON(g as GeoJSON.Geometry, {
        style: { color: '#1f5fa8', weight: 2, fill: false, dashArray: '6 4' },
        interactive: false,
      }).addTo(group);
    }
    for (const c of cases) {
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
      marker.addTo(group);
    }
    return () => {
      group.remove();
    };
    // Redraw only when the set of markers changes.
  }, [map, signature]);

  return <div ref={element} className="jy-map" data-testid={TID.caseMap} data-count={cases.length} />;
}

export function CasesMap({ filters }: { filters: Query }) {
  const t = useT();
  const result = useQuery({
    queryKey: [...CASES_KEY, 'list', 'map', filters],
    queryFn: () => fetchOpenWithLocation(filters),
  });
  const cases = result.data?.items ?? [];

  if (result.isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (result.isError) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (cases.length === 0) return <EmptyText description={t('cases.mapEmpty')} />;
  return (
    <>
      {result.data?.capped && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('cases.mapCapped', { count: cases.length })}
        />
      )}
      <CaseMarkers cases={cases} />
    </>
  );
}
