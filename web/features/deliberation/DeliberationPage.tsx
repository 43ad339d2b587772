// Staff deliberation page (/deliberation): the triage queue (overdue for the agenda first), councils with their
// meetings, matters and votes (prepare, open, close, result, resolution), and resolutions with progress (公示).
import { Empty, Segmented, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCouncils, useProposals } from './api';
import { CardList } from './CardList';
import { CouncilCard } from './CouncilCard';
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
      <ErrorAlert error={queue.error ?? councils.error} />
      {tab === 'queue' && (
        <CardList
          items={queue.data?.items}
          loading={queue.isPending}
          empty={t('delib.queueEmpty')}
          render={(p) => <TriageCard p={p} councils={list.filter((c) => c.canManage)} />}
        />
      )}
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
