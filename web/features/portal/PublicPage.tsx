// The public reports of a community (no sign-in): a map of coarse points and a list, with an empty state.
import { useEffect, useRef, useState } from 'react';
import { Empty, Select, Spin, Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { addTiles, FALLBACK_CENTRE } from '../../lib/mapTiles';
import { textContent } from '../../lib/textContent';
import { useCursorList } from '../../lib/useCursorList';
import { PUBLIC_KEY, PUBLIC_PATH, useCommunities } from './api';
import { PublicReportCard } from './PublicReportCard';
import { PTID } from './testids';
import type { PublicReport } from './types';

function PublicMap({ items, centre }: { items: PublicReport[]; centre: { lat: number; lng: number } | null }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const m = L.map(element.current, { zoomSnap: 0.5 }).setView(
      centre ? [centre.lat, centre.lng] : FALLBACK_CENTRE,
      15,
    );
    addTiles(m);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, [centre?.lat, centre?.lng]);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    for (const r of items) {
      if (!r.location) continue;
      // A circle, not a pin: the point is coarse on purpose (about 100 m, or the grid centre).
      L.circle([r.location.lat, r.location.lng], {
        radius: r.coarsening === 'grid_centre' ? 150 : 60,
        color: '#b71c1c',
        fillOpacity: 0.25,
        weight: 1,
      })
        .bindTooltip(textContent(r.categoryName))
        .addTo(group);
    }
  }, [items]);

  return <div ref={element} className="jy-portal-map" />;
}

export function PublicPage() {
  const t = useT();
  const communities = useCommunities();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const chosen = communityId ?? communities.data?.[0]?.id ?? null;
  const list = useCursorList<PublicReport>(
    PUBLIC_KEY,
    PUBLIC_PATH,
    { communityId: chosen, limit: 20 },
    chosen !== null,
  );
  const community = communities.data?.find((c) => c.id === chosen) ?? null;

  if (communities.isPending) return <Spin />;
  if (communities.isError) return <ErrorAlert error={communities.error} onRetry={() => void communities.refetch()} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('portal.public.intro')}</Typography.Paragraph>
      <Select
        size="large"
        showSearch
        optionFilterProp="label"
        value={chosen ?? undefined}
        onChange={(v: number) => setCommunityId(v)}
        options={communities.data.map((c) => ({ value: c.id, label: `${c.streetName} ${c.name}` }))}
        style={{ width: '100%', marginBottom: 12 }}
        data-testid={PTID.publicCommunity}
        aria-label={t('portal.link.community')}
      />
      <PublicMap items={list.items} centre={community?.centre ?? null} />
      {list.isLoading && <Spin />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
      {!list.isLoading && !list.error && list.items.length === 0 && (
        <Empty description={t('portal.public.empty')} data-testid={PTID.publicEmpty} />
      )}
      <div data-testid={PTID.publicList}>
        {list.items.map((r) => (
          <PublicReportCard key={r.id} report={r} testId={PTID.publicItem} />
        ))}
      </div>
      <LoadMore
        hasMore={list.hasMore}
        loading={list.isLoadingMore}
        onLoadMore={list.loadMore}
        count={list.items.length}
      />
    </div>
  );
}
