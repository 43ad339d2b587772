// Optional household link: pick the community, find the address (addresses only, no people), ask; a community worker decides.
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { errorMessage } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';
import { useAddresses, useCommunities, useMyLinks, useRequestLink } from './api';
import { PTID } from './testids';

const STATUS_COLOUR = { pending: 'gold', confirmed: 'green', refused: 'default' } as const;

export function HouseholdLinkCard() {
  const t = useT();
  const links = useMyLinks();
  const communities = useCommunities();
  const request = useRequestLink();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const needle = useDebounced(q, 300);
  const hits = useAddresses(communityId, needle);

  const latest = links.data?.[0];
  const asking = latest?.status !== 'pending' && latest?.status !== 'confirmed';
  return (
    <div className="jy-portal-card">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <HomeOutlined /> {t('portal.link.title')}
      </Typography.Title>
      {latest && (
        <Typography.Paragraph data-testid={PTID.linkStatus} data-status={latest.status}>
          <Tag color={STATUS_COLOUR[latest.status]}>{t(`portal.link.status.${latest.status}`)}</Tag>
          {latest.communityName} {latest.address}
        </Typography.Paragraph>
      )}
      {asking && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('portal.link.intro')}</Typography.Text>
          <Select
            size="large"
            showSearch
            optionFilterProp="label"
            placeholder={t('portal.link.community')}
            aria-label={t('portal.link.community')}
            value={communityId ?? undefined}
            onChange={(v: number) => setCommunityId(v)}
            options={(communities.data ?? []).map((c) => ({ value: c.id, label: `${c.streetName} ${c.name}` }))}
            data-testid={PTID.linkCommunity}
            style={{ width: '100%' }}
          />
          <Input
            size="large"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('portal.link.search')}
            disabled={communityId === null}
            data-testid={PTID.linkSearch}
          />
          {request.isError && <Alert type="error" showIcon message={errorMessage(request.error)} />}
          {(hits.data ?? []).map((h) => (
            <Button
              key={h.householdId}
              size="large"
              block
              onClick={() => request.mutate(h.householdId)}
              loading={request.isPending}
              data-testid={PTID.linkHit}
            >
              {h.address}
            </Button>
          ))}
          {hits.isSuccess && hits.data.length === 0 && (
            <Typography.Text type="secondary">{t('portal.link.noHit')}</Typography.Text>
          )}
        </Space>
      )}
    </div>
  );
}
