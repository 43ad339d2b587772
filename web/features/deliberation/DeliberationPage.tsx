// Staff deliberation page (/deliberation): the triage queue (overdue for the agenda first), councils with their
// setup, members, meetings (agenda, attendance, minutes), matters (pass up) and votes (prepare, open, proxy, close,
// result, resolution), and resolutions with progress (公示) and their case.
import { useState } from 'react';
import { Button, Empty, Segmented, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { DelibError } from './DelibError';
import { useCouncils, useProposals } from './api';
import { CardList } from './CardList';
import { CouncilCard } from './CouncilCard';
import { CouncilForm } from './CouncilForm';
import { ResolutionsPanel } from './ResolutionsPanel';
import { TriageCard } from './TriageCard';

const TABS = ['queue', 'councils', 'resolutions'] as const;
type Tab = (typeof TABS)[number];

export function DeliberationPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'queue';
  const queue = useProposals(true);
  const councils = useCouncils();
  const list = councils.data?.items ?? [];
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('delib.title')}
      </Typography.Title>
      <div style={{ overflowX: 'auto' }}>
        <Segmented<Tab>
          value={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          options={TABS.map((k) => ({
            value: k,
            label: <span data-testid={`delib-tab-${k}`}>{t(`delib.${k}`)}</span>,
          }))}
        />
      </div>
      <DelibError error={queue.error ?? councils.error} />
      {tab === 'queue' && (
        <CardList
          items={queue.data?.items}
          loading={queue.isPending}
          empty={t('delib.queueEmpty')}
          render={(p) => <TriageCard p={p} councils={list.filter((c) => c.canManage)} />}
        />
      )}
      {tab === 'councils' && (
        <Button type="primary" data-testid="cform-new" onClick={() => setCreating(true)} style={{ alignSelf: 'start' }}>
          {t('delib.newCouncil')}
        </Button>
      )}
      {creating && <CouncilForm open={creating} onClose={() => setCreating(false)} />}
      {tab === 'councils' &&
        (list.length ? (
          list.map((c) => <CouncilCard key={c.id} c={c} />)
        ) : (
          <Empty description={t('delib.noCouncils')} />
        ))}
      {tab === 'resolutions' && <ResolutionsPanel />}
    </Space>
  );
}
