// The service list (服务清单): district administrators keep the catalogue (add classes and items, edit an item's
// materials, eligibility, time limit, organisation, channels and fees); a community worker switches items on and off
// for their community, sets its hall appointment hours and keeps its three duty lists (依法履职 / 协助 / 负面清单).
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServiceItem } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { request, api } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { SERVICES_KEY, useCreateClass, useKeptCatalogue } from './api';
import { ItemEditor } from './ItemEditor';
import { HallHoursCard } from './HallHoursCard';

const LISTS = ['own', 'assist', 'negative'] as const;
type Duty = { id: number; list: (typeof LISTS)[number]; matter: string; itemCode: string | null };

export function CataloguePage() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const nodeId = me.bindings.find((b) => b.role === 'community_worker')?.nodeId ?? null;
  const keeper = me.bindings.some((b) => b.role === 'district_admin');
  const cat = useKeptCatalogue(nodeId);
  const [editing, setEditing] = useState<ServiceItem | null | 'new'>(null);
  const [addingClass, setAddingClass] = useState(false);
  const flip = useMutation({
    mutationFn: (v: { code: string; enabled: boolean }) =>
      request('PUT', `/api/services/items/${v.code}/switch`, { body: { nodeId, enabled: v.enabled } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
    onError: feedback.fail,
  });
  const items = (cat.data?.classes ?? []).flatMap((c) => c.items);
  return (
    <>
      <PageHeader
        title={t('svc.catalogue')}
        extra={
          keeper && (
            <Space>
              <Button onClick={() => setAddingClass(true)}>{t('svc.newClass')}</Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="svc-item-new"
              >
                {t('svc.newItem')}
              </Button>
            </Space>
          )
        }
      />
      <ErrorAlert error={cat.error} onRetry={cat.refetch} />
      {nodeId != null && <HallHoursCard nodeId={nodeId} />}
      {nodeId != null && <DutyLists nodeId={nodeId} items={items} />}
      <Card size="small">
        <Table<ServiceItem>
          rowKey="code"
          size="small"
          loading={cat.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('svc.noItems') }}
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
              title: t('svc.how'),
              render: (_, i) => i.channels.map((c) => <Tag key={c}>{t(`svc.channelShort.${c}`)}</Tag>),
            },
            ...(nodeId != null
              ? [
                  {
                    title: t('svc.col.enabled'),
                    render: (_: unknown, i: ServiceItem) => (
                      <Switch
                        checked={i.enabled}
                        loading={flip.isPending && flip.variables?.code === i.code}
                        onChange={(enabled) => flip.mutate({ code: i.code, enabled })}
                        aria-label={t('svc.switchFor', { name: i.name })}
                        data-testid={`svc-switch-${i.code}`}
                      />
                    ),
                  },
                ]
              : []),
            ...(keeper
              ? [
                  {
                    title: t('svc.actions'),
                    render: (_: unknown, i: ServiceItem) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(i)}
                        aria-label={t('svc.editItem', { name: i.name })}
                        data-testid={`svc-edit-${i.code}`}
                      >
                        {t('svc.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ItemEditor item={editing === 'new' ? null : editing} open={editing != null} onClose={() => setEditing(null)} />
      <NewClass open={addingClass} onClose={() => setAddingClass(false)} />
    </>
  );
}

function NewClass({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const create = useCreateClass();
  return (
    <Modal
      open={open}
      title={t('svc.newClass')}
      okText={t('svc.save')}
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) =>
          create.mutate(v, {
            onSuccess: () => {
              feedback.ok(t('svc.saved'));
              onClose();
            },
            onError: feedback.fail,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="code"
          label={t('svc.f.code')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('svc.f.codeRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('svc.f.className')}
          rules={[{ required: true, whitespace: true, message: t('svc.f.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The community's three duty lists: add an entry (optionally tied to an item), move it to another list, remove it. */
function DutyLists({ nodeId, items }: { nodeId: number; items: ServiceItem[] }) {
  const t = useT();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const key = [...SERVICES_KEY, 'duties', nodeId];
  const duties = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: Duty[] }>('/api/services/duties', { nodeId }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const [list, setList] = useState<Duty['list']>('own');
  const [matter, setMatter] = useState('');
  const [itemCode, setItemCode] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: () =>
      api.post('/api/services/duties', { nodeId, list, matter: matter.trim(), itemCode: itemCode ?? null }),
    onSuccess: () => {
      setMatter('');
      setItemCode(undefined);
      refresh();
    },
    onError: feedback.fail,
  });
  const move = useMutation({
    mutationFn: (v: { id: number; list: Duty['list'] }) => api.patch(`/api/services/duties/${v.id}`, { list: v.list }),
    onSuccess: refresh,
    onError: feedback.fail,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/services/duties/${id}`),
    onSuccess: refresh,
    onError: feedback.fail,
  });
  const itemName = (code: string | null) => items.find((i) => i.code === code)?.name;
  return (
    <Card size="small" title={t('svc.duties')} style={{ marginBottom: 12 }} data-testid="svc-duties">
      <ErrorAlert error={duties.error} onRetry={duties.refetch} />
      <Space direction="vertical" style={{ width: '100%' }}>
        {LISTS.map((l) => {
          const entries = (duties.data?.items ?? []).filter((d) => d.list === l);
          return (
            <div key={l}>
              <Tag color={l === 'negative' ? 'red' : l === 'assist' ? 'blue' : 'green'}>{t(`svc.list.${l}`)}</Tag>
              {entries.length === 0 && <Typography.Text type="secondary">{t('svc.listEmpty')}</Typography.Text>}
              {entries.map((d) => (
                <Space key={d.id} size={4} style={{ marginInlineEnd: 12 }}>
                  <Typography.Text>
                    {d.matter}
                    {d.itemCode && (
                      <Typography.Text type="secondary">（{itemName(d.itemCode) ?? d.itemCode}）</Typography.Text>
                    )}
                  </Typography.Text>
                  <Select
                    size="small"
                    value={d.list}
                    variant="borderless"
                    aria-label={t('svc.moveTo', { name: d.matter })}
                    onChange={(v) => move.mutate({ id: d.id, list: v })}
                    options={LISTS.map((x) => ({ value: x, label: t(`svc.list.${x}`) }))}
                  />
                  <Popconfirm title={t('svc.removeDuty', { name: d.matter })} onConfirm={() => remove.mutate(d.id)}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('svc.removeDuty', { name: d.matter })}
                    />
                  </Popconfirm>
                </Space>
              ))}
            </div>
          );
        })}
        <Space.Compact style={{ width: '100%' }}>
          <Select
            value={list}
            onChange={setList}
            aria-label={t('svc.dutyList')}
            style={{ width: 140 }}
            options={LISTS.map((l) => ({ value: l, label: t(`svc.list.${l}`) }))}
          />
          <Input
            value={matter}
            onChange={(e) => setMatter(e.target.value)}
            placeholder={t('svc.matter')}
            aria-label={t('svc.matter')}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            value={itemCode}
            onChange={setItemCode}
            placeholder={t('svc.dutyItem')}
            aria-label={t('svc.dutyItem')}
            style={{ width: 220 }}
            options={items.map((i) => ({ value: i.code, label: i.name }))}
          />
          <Button disabled={!matter.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            {t('svc.addDuty')}
          </Button>
        </Space.Compact>
      </Space>
    </Card>
  );
}
