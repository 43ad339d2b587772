// Staff define and edit the spaces they manage (/rooms/spaces): name, kind, zones, capacity, opening hours and days,
// holidays, buffers, who may book and whether bookings need approval.
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Divider,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { BOOKER_KINDS, SPACE_DAYS, SPACE_KINDS } from '../../../contracts/rooms';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { useCreateSpace, useRetireSpace, useSpaces, useUpdateSpace, type SpaceData } from './api';
import { useFeedback } from '../../lib/useFeedback';

type Values = {
  nodeId?: number;
  name: string;
  kind: SpaceData['kind'];
  description?: string | null;
  capacity: number;
  opens: string;
  closes: string;
  days: SpaceData['days'];
  openOnHolidays: boolean;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  bookers: SpaceData['bookers'];
  needsApproval: boolean;
  zones: { id?: number; name: string; capacity: number }[];
};

const MANAGER_ROLES = new Set(['district_admin', 'street_officer', 'community_worker']);

export function SpacesPage() {
  const t = useT();
  const spaces = useSpaces();
  const [editing, setEditing] = useState<SpaceData | 'new' | null>(null);
  const list = (spaces.data?.items ?? []).filter((s) => s.canManage);
  return (
    <>
      <PageHeader
        title={t('rooms.spaces.title')}
        subtitle={t('rooms.spaces.subtitle')}
        extra={
          <Space wrap>
            <Link to="/rooms/approvals">{t('rooms.approvals.title')}</Link>
            <Link to="/rooms/utilisation">{t('rooms.util.title')}</Link>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="space-new">
              {t('rooms.spaces.new')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={spaces.error} onRetry={() => void spaces.refetch()} />
      <Table<SpaceData>
        rowKey="id"
        size="small"
        loading={spaces.isPending}
        dataSource={list}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('rooms.spaces.empty')} /> }}
        data-testid="space-table"
        columns={[
          { title: t('rooms.spaces.name'), dataIndex: 'name' },
          { title: t('rooms.spaces.node'), dataIndex: 'nodeName' },
          { title: t('rooms.spaces.kind'), dataIndex: 'kind', render: (k: SpaceData['kind']) => t(`rooms.kind.${k}`) },
          {
            title: t('rooms.spaces.parts'),
            key: 'parts',
            render: (_: unknown, s) =>
              s.parts
                .filter((p) => !p.whole)
                .map((p) => p.name)
                .join('、') || t('rooms.spaces.wholeOnly'),
          },
          { title: t('rooms.spaces.capacity'), dataIndex: 'capacity' },
          { title: t('rooms.spaces.hours'), key: 'hours', render: (_: unknown, s) => `${s.opens}–${s.closes}` },
          {
            title: t('rooms.spaces.days'),
            key: 'days',
            render: (_: unknown, s) => (
              <>
                {t(`rooms.days.${s.days}`)}
                {s.openOnHolidays ? ` · ${t('rooms.spaces.openOnHolidays')}` : ''}
              </>
            ),
          },
          {
            title: t('rooms.spaces.bookers'),
            dataIndex: 'bookers',
            render: (b: SpaceData['bookers']) => b.map((k) => t(`rooms.booker.${k}`)).join('、'),
          },
          {
            title: t('rooms.needsApproval'),
            dataIndex: 'needsApproval',
            render: (v: boolean) => (v ? <Tag color="gold">{t('rooms.needsApproval')}</Tag> : '—'),
          },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, s) => (
              <Button size="small" onClick={() => setEditing(s)} data-testid="space-edit">
                {t('rooms.spaces.edit')}
              </Button>
            ),
          },
        ]}
      />
      <SpaceDrawer editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function SpaceDrawer({ editing, onClose }: { editing: SpaceData | 'new' | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={editing != null}
      onClose={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      title={editing === 'new' ? t('rooms.spaces.new') : editing ? `${t('rooms.spaces.edit')} · ${editing.name}` : ''}
    >
      {editing && <SpaceForm space={editing === 'new' ? null : editing} onDone={onClose} />}
    </Drawer>
  );
}

function SpaceForm({ space, onDone }: { space: SpaceData | null; onDone: () => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form);
  const create = useCreateSpace();
  const update = useUpdateSpace();
  const retire = useRetireSpace();
  const feedback = useFeedback();
  // Zones on record taken out of use on saving (a zone still held by a booking to come is refused by the server).
  const [removed, setRemoved] = useState<number[]>([]);
  const nodes = me.bindings.filter((b) => MANAGER_ROLES.has(b.role) && b.nodeId != null);
  const required = { required: true, message: t('common.required') };
  const initial: Values = space
    ? {
        ...space,
        zones: space.parts.filter((p) => !p.whole).map((p) => ({ id: p.id, name: p.name, capacity: p.capacity })),
      }
    : {
        nodeId: nodes[0]?.nodeId ?? undefined,
        name: '',
        kind: 'activity_room',
        capacity: 30,
        opens: '08:30',
        closes: '21:00',
        days: 'all',
        openOnHolidays: false,
        bufferBeforeMin: 0,
        bufferAfterMin: 15,
        bookers: ['resident', 'organisation', 'staff'],
        needsApproval: false,
        zones: [],
      };
  const submit = (v: Values) => {
    const rules = {
      name: v.name.trim(),
      kind: v.kind,
      description: v.description?.trim() || null,
      capacity: v.capacity,
      opens: v.opens,
      closes: v.closes,
      days: v.days,
      openOnHolidays: v.openOnHolidays,
      bufferBeforeMin: v.bufferBeforeMin,
      bufferAfterMin: v.bufferAfterMin,
      bookers: v.bookers,
      needsApproval: v.needsApproval,
    };
    // The store keeps each zone's id (no field shows it), so read the list from the store, not the submitted values.
    const stored = (form.getFieldValue('zones') as Values['zones'] | undefined) ?? v.zones ?? [];
    const zones = stored.map((z) => ({ ...(z.id ? { id: z.id } : {}), name: z.name.trim(), capacity: z.capacity }));
    void save(
      () =>
        space
          ? update.mutateAsync({
              id: space.id,
              body: { ...rules, zones, ...(removed.length ? { removeZones: removed } : {}) },
            })
          : create.mutateAsync({ ...rules, nodeId: v.nodeId!, zones }),
      t('rooms.spaces.saved'),
      onDone,
    );
  };
  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="space-form">
      {!space && (
        <Form.Item name="nodeId" label={t('rooms.spaces.node')} rules={[required]}>
          <Select
            options={nodes.map((b) => ({ value: b.nodeId!, label: b.nodeName ?? String(b.nodeId) }))}
            aria-label={t('rooms.spaces.node')}
          />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('rooms.spaces.name')} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
        <Input maxLength={100} data-testid="space-name" />
      </Form.Item>
      <Space wrap size={12}>
        <Form.Item name="kind" label={t('rooms.spaces.kind')} rules={[required]}>
          <Select
            style={{ width: 180 }}
            aria-label={t('rooms.spaces.kind')}
            options={SPACE_KINDS.map((k) => ({ value: k, label: t(`rooms.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="capacity" label={t('rooms.spaces.capacity')} rules={[required]}>
          <InputNumber min={1} max={10000} data-testid="space-capacity" />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('rooms.spaces.description')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item label={t('rooms.spaces.zones')} extra={t('rooms.spaces.zonesHint')}>
        <Form.List name="zones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ ...required, whitespace: true }]}>
                    <Input
                      placeholder={t('rooms.spaces.zoneName')}
                      aria-label={t('rooms.spaces.zoneName')}
                      maxLength={50}
                      data-testid="space-zone-name"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'capacity']} rules={[required]}>
                    <InputNumber
                      min={1}
                      placeholder={t('rooms.spaces.capacity')}
                      aria-label={t('rooms.spaces.capacity')}
                      data-testid="space-zone-capacity"
                    />
                  </Form.Item>
                  {form.getFieldValue(['zones', f.name, 'id']) == null ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('rooms.spaces.removeZone')}
                    />
                  ) : (
                    <Popconfirm
                      title={t('rooms.spaces.retireZoneConfirm')}
                      okText={t('rooms.spaces.removeZone')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => {
                        setRemoved((xs) => [...xs, form.getFieldValue(['zones', f.name, 'id']) as number]);
                        remove(f.name);
                      }}
                    >
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('rooms.spaces.removeZone')}
                        data-testid="space-zone-retire"
                      />
                    </Popconfirm>
                  )}
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', capacity: 20 })}
                data-testid="space-zone-add"
              >
                {t('rooms.spaces.addZone')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Space wrap size={12}>
        <Form.Item name="opens" label={t('rooms.spaces.opens')} rules={[required]}>
          <Input type="time" step={900} data-testid="space-opens" />
        </Form.Item>
        <Form.Item name="closes" label={t('rooms.spaces.closes')} rules={[required]}>
          <Input type="time" step={900} data-testid="space-closes" />
        </Form.Item>
        <Form.Item name="days" label={t('rooms.spaces.days')}>
          <Select
            style={{ width: 160 }}
            aria-label={t('rooms.spaces.days')}
            options={SPACE_DAYS.map((d) => ({ value: d, label: t(`rooms.days.${d}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="openOnHolidays"
        label={t('rooms.spaces.openOnHolidays')}
        valuePropName="checked"
        extra={t('rooms.spaces.holidaysHint')}
      >
        <Switch />
      </Form.Item>
      <Space wrap size={12}>
        <Form.Item name="bufferBeforeMin" label={t('rooms.spaces.bufferBefore')}>
          <InputNumber min={0} max={240} step={5} />
        </Form.Item>
        <Form.Item name="bufferAfterMin" label={t('rooms.spaces.bufferAfter')}>
          <InputNumber min={0} max={240} step={5} />
        </Form.Item>
      </Space>
      <Form.Item
        name="bookers"
        label={t('rooms.spaces.bookers')}
        rules={[
          { validator: (_, v) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('common.required')))) },
        ]}
      >
        <Checkbox.Group options={BOOKER_KINDS.map((k) => ({ value: k, label: t(`rooms.booker.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="needsApproval"
        label={t('rooms.needsApproval')}
        valuePropName="checked"
        extra={t('rooms.spaces.approvalHint')}
      >
        <Switch data-testid="space-needs-approval" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={create.isPending || update.isPending}
        data-testid="space-save"
      >
        {t('common.save')}
      </Button>
      {space && (
        <>
          <Divider />
          <Popconfirm
            title={t('rooms.spaces.retireConfirm')}
            okText={t('rooms.spaces.retire')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              retire.mutate(space.id, {
                onSuccess: () => {
                  feedback.ok(t('rooms.spaces.retired'));
                  onDone();
                },
                onError: feedback.fail,
              })
            }
          >
            <Button danger block loading={retire.isPending} data-testid="space-retire">
              {t('rooms.spaces.retire')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Form>
  );
}
