// The community's service list (服务清单): every catalogue item with its switch for the worker's community, and the
// community's three duty lists (依法履职 / 协助 / 负面清单) with a form to add an entry.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServiceItem } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { request, api } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { SERVICES_KEY } from './api';

const LISTS = ['own', 'assist', 'negative'] as const;

export function CataloguePage() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const nodeId = me.bindings.find((b) => b.role === 'community_worker')?.nodeId ?? null;
  const cat = useQuery({
    queryKey: [...SERVICES_KEY, 'keep', nodeId],
    queryFn: () =>
      api.get<{ classes: { code: string; name: string; items: ServiceItem[] }[] }>('/api/services/catalogue', {
        nodeId,
        all: 'true',
      }),
    enabled: nodeId != null,
  });
  const duties = useQuery({
    queryKey: [...SERVICES_KEY, 'duties', nodeId],
    queryFn: () =>
      api.get<{ items: { id: number; list: string; matter: string }[] }>('/api/services/duties', { nodeId }),
    enabled: nodeId != null,
  });
  const flip = useMutation({
    mutationFn: (v: { code: string; enabled: boolean }) =>
      request('PUT', `/api/services/items/${v.code}/switch`, { body: { nodeId, enabled: v.enabled } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
    onError: feedback.fail,
  });
  const [list, setList] = useState<(typeof LISTS)[number]>('own');
  const [matter, setMatter] = useState('');
  const add = useMutation({
    mutationFn: () => api.post('/api/services/duties', { nodeId, list, matter: matter.trim() }),
    onSuccess: () => {
      setMatter('');
      void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'duties'] });
    },
    onError: feedback.fail,
  });
  const items = (cat.data?.classes ?? []).flatMap((c) => c.items);
  return (
    <>
      <PageHeader title={t('svc.catalogue')} />
      <ErrorAlert error={cat.error} onRetry={cat.refetch} />
      <Card size="small" title={t('svc.duties')} style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {LISTS.map((l) => (
            <div key={l}>
              <Tag color={l === 'negative' ? 'red' : l === 'assist' ? 'blue' : 'green'}>{t(`svc.list.${l}`)}</Tag>
              {(duties.data?.items ?? [])
                .filter((d) => d.list === l)
                .map((d) => d.matter)
                .join('；')}
            </div>
          ))}
          <Space.Compact style={{ width: '100%' }}>
            <Select
              value={list}
              onChange={setList}
              aria-label={t('svc.dutyList')}
              style={{ width: 140 }}
              options={LISTS.map((l) => ({ value: l, label: t(`svc.list.${l}`) }))}
            />
            <Input value={matter} onChange={(e) => setMatter(e.target.value)} placeholder={t('svc.matter')} />
            <Button disabled={!matter.trim()} loading={add.isPending} onClick={() => add.mutate()}>
              {t('svc.addDuty')}
            </Button>
          </Space.Compact>
        </Space>
      </Card>
      <Card size="small">
        <Table<ServiceItem>
          rowKey="code"
          size="small"
          loading={cat.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 700 }}
          columns={[
            { title: t('svc.col.class'), dataIndex: 'className' },
            { title: t('svc.col.item'), dataIndex: 'name' },
            {
              title: t('svc.col.limit'),
              render: (_, i) =>
                i.responseMinutes ? t('svc.instant', { n: i.responseMinutes }) : t('svc.days', { n: i.limitDays ?? 0 }),
            },
            { title: t('svc.col.organisation'), render: (_, i) => i.organisationName ?? t('svc.byCommunity') },
            {
              title: t('svc.col.enabled'),
              render: (_, i) => (
                <Switch
                  checked={i.enabled}
                  loading={flip.isPending && flip.variables?.code === i.code}
                  onChange={(enabled) => flip.mutate({ code: i.code, enabled })}
                  aria-label={i.name}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
