// The public reports of a community or the whole district (no sign-in): a map of coarse points over the territory and
// a list, with an empty state.
import { useContext, useEffect, useRef, useState } from 'react';
import { Empty, Select, Spin, Typography } from 'antd';
import L from 'leaflet';
import { useT } from '../../app/i18n';
import { MeContext } from '../../app/session';
import { boundsOf, useBaseMap, useOutlines } from '../../components/BaseMap';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { textContent } from '../../lib/textContent';
import { useCursorList } from '../../lib/useCursorList';
import { PUBLIC_KEY, PUBLIC_PATH, useCommunities } from './api';
import { PublicReportCard } from './PublicReportCard';
import { PTID } from './testids';
import type { PublicReport } from './types';

/** The reports as coarse circles over the territory, the view fitted to them (or to the area when there are none). */
function PublicMap({ items, within }: { items: PublicReport[]; within: number | null }) {
  const element = useRef<HTMLDivElement>(null);
  const points = items.flatMap((r) => (r.location ? [r.location] : []));
  const map = useBaseMap(element, { territory: within ?? 'all', fit: boundsOf(points, 1500), maxZoom: 16 });

  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
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
    return () => {
      group.remove();
    };
  }, [map, items]);

  return <div ref={element} className="jy-portal-map" data-testid={PTID.publicMap} data-count={points.length} />;
}

const WHOLE_DISTRICT = 0;

export function PublicPage() {
  const t = useT();
  const communities = useCommunities();
  // A resident bound to a household opens on their own community; anyone else on the whole district.
  const household = useContext(MeContext)?.bindings.find((b) => b.role === 'resident' && b.nodeId != null)?.nodeId;
  const home = useOutlines(household, household != null);
  const homeCommunity = household != null ? (home.data?.items.find((o) => o.kind === 'community')?.id ?? null) : null;
  const [communityId, setCommunityId] = useState<number | null>(null);
  const picked = communityId ?? homeCommunity ?? WHOLE_DISTRICT;
  const chosen = picked === WHOLE_DISTRICT ? null : picked;
  const waiting = household != null && home.isPending;
  const list = useCursorList<PublicReport>(PUBLIC_KEY, PUBLIC_PATH, { communityId: chosen, limit: 20 }, !waiting);

  if (communities.isPending) return <Spin />;
  if (communities.isError) return <ErrorAlert error={communities.error} onRetry={() => void communities.refetch()} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('portal.public.intro')}</Typography.Paragraph>
      <Select
        size="large"
        showSearch
        optionFilterProp="label"
        value={picked}
        onChange={(v: number) => setCommunityId(v)}
        options={[
          { value: WHOLE_DISTRICT, label: t('portal.public.wholeDistrict') },
          ...communities.data.map((c) => ({ value: c.id, label: `${c.streetName} ${c.name}` })),
        ]}
        style={{ width: '100%', marginBottom: 12 }}
        data-testid={PTID.publicCommunity}
        aria-label={t('portal.link.community')}
      />
      {!waiting && <PublicMap key={chosen ?? 'all'} items={list.items} within={chosen} />}
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
