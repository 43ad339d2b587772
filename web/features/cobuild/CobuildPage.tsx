// Staff page /cobuild: agreements (共建协议, signed here), partner units (registered here) and their records, members
// reported in, the needs list with dispatch (派单), resources and projects.
import { useState } from 'react';
import { Button, Card, Form, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { AgreementDrawer } from './AgreementDrawer';
import { RegisterUnitDrawer } from './RegisterUnitDrawer';
import { UnitRecordDrawer } from './UnitRecordDrawer';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { useAgreements, useCobuildPost, useMembers, useNeeds, useProjects, useResources, useUnits } from './api';
import { cnDateTime, needStatusKey, projectStatusKey, sourceKey } from './labels';

/** Who signs agreements and registers units: the area's staff (the policy's 'manage'). */
const MANAGER_ROLES = new Set(['district_admin', 'street_officer', 'community_worker']);

const activity = (t: ReturnType<typeof useT>, none: boolean) =>
  none ? <Tag color="red">{t('cob.noActivity')}</Tag> : <Tag color="green">{t('cob.active')}</Tag>;

function DispatchDialog({ needId, onClose }: { needId: number; onClose: () => void }) {
  const t = useT();
  const members = useMembers();
  const agreements = useAgreements();
  const post = useCobuildPost();
  const fb = useFeedback();
  const [owner, setOwner] = useState<string | null>(null);
  const [days, setDays] = useState(5);
  const options = [
    ...(members.data?.items ?? []).map((m) => ({ value: `u:${m.userId}`, label: `${m.name}（${m.unitName}）` })),
    ...(agreements.data?.items ?? []).map((a) => ({ value: `o:${a.organisationId}`, label: a.organisationName })),
  ];
  const submit = async () => {
    if (!owner) return;
    const [k, id] = owner.split(':');
    const body = {
      ...(k === 'u' ? { ownerUserId: Number(id) } : { ownerOrganisationId: Number(id) }),
      limitDays: days,
    };
    try {
      await post.mutateAsync({ path: `/api/cobuild/needs/${needId}/dispatch`, body });
      fb.ok(t('cob.dispatch'));
      onClose();
    } catch (e) {
      fb.fail(e);
    }
  };
  return (
    <Modal
      open
      title={t('cob.dispatch')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !owner, loading: post.isPending, 'data-testid': 'cob-dispatch-ok' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('cob.dispatchTo')} htmlFor="cob-owner">
          <Select
            id="cob-owner"
            data-testid="cob-owner"
            options={options}
            value={owner}
            onChange={setOwner}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label={t('cob.limitDays')} htmlFor="cob-days">
          <InputNumber id="cob-days" min={1} max={60} value={days} onChange={(v) => setDays(v ?? 5)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CobuildPage() {
  const t = useT();
  const agreements = useAgreements();
  const members = useMembers();
  const needs = useNeeds();
  const resources = useResources();
  const projects = useProjects();
  const units = useUnits();
  const me = useMe();
  const manager = me.bindings.some((b) => MANAGER_ROLES.has(b.role));
  const [dispatching, setDispatching] = useState<number | null>(null);
  const [drawer, setDrawer] = useState<{ kind: 'unit' } | { kind: 'agreement'; organisationId?: number } | null>(null);
  const [record, setRecord] = useState<number | null>(null);
  const empty = { emptyText: t('cob.empty') };
  const pagination = { pageSize: 20, hideOnSinglePage: true };
  const [tab, setTab] = useState('needs');
  const tabs = [
    {
      key: 'needs',
      label: t('cob.needs'),
      children: (
        <Table
          rowKey="id"
          data-testid="cob-needs"
          loading={needs.isLoading}
          dataSource={needs.data?.items ?? []}
          locale={empty}
          pagination={pagination}
          columns={[
            { title: t('cob.need'), dataIndex: 'title' },
            { title: t('cob.community'), dataIndex: 'communityName' },
            { title: t('cob.source'), dataIndex: 'source', render: (s) => t(sourceKey(s)) },
            {
              title: t('cob.status'),
              render: (_, n) => (n.projectStatus ? t(projectStatusKey(n.projectStatus)) : t(needStatusKey(n.status))),
            },
            {
              title: '',
              render: (_, n) =>
                n.status === 'open' && (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`cob-dispatch-${n.id}`}
                    onClick={() => setDispatching(n.id)}
                  >
                    {t('cob.dispatch')}
                  </Button>
                ),
            },
          ]}
        />
      ),
    },
    {
      key: 'projects',
      label: t('cob.projects'),
      children: (
        <Table
          rowKey="id"
          loading={projects.isLoading}
          dataSource={projects.data?.items ?? []}
          locale={empty}
          pagination={pagination}
          columns={[
            { title: t('cob.need'), dataIndex: 'title' },
            { title: t('cob.owner'), dataIndex: 'ownerName' },
            {
              title: t('cob.status'),
              render: (_, p) => (
                <>
                  {t(projectStatusKey(p.status))} {p.overdue && <Tag color="red">{t('cob.overdue')}</Tag>}
                </>
              ),
            },
            { title: t('cob.due'), dataIndex: 'dueAt', render: cnDateTime },
            { title: t('cob.rating'), dataIndex: 'rating', render: (r) => (r ? `${r}★` : '') },
          ]}
        />
      ),
    },
    {
      key: 'agreements',
      label: t('cob.agreements'),
      children: (
        <Table
          rowKey="id"
          loading={agreements.isLoading}
          dataSource={agreements.data?.items ?? []}
          locale={empty}
          pagination={pagination}
          columns={[
            { title: t('cob.unit'), dataIndex: 'organisationName' },
            { title: t('cob.community'), dataIndex: 'communityName' },
            { title: t('cob.partyOrg'), dataIndex: 'partyOrgName' },
            { title: t('cob.term'), render: (_, a) => `${a.startsOn} ~ ${a.endsOn}` },
            { title: t('cob.commitments'), render: (_, a) => a.commitments.map((c) => c.title).join('；') },
            { title: t('cob.servicesDone'), dataIndex: 'servicesDone' },
            { title: '', render: (_, a) => activity(t, a.noActivity) },
            {
              title: '',
              render: (_, a) => (
                <Button size="small" onClick={() => setRecord(a.organisationId)}>
                  {t('cob.record.open')}
                </Button>
              ),
            },
          ]}
        />
      ),
    },
    {
      key: 'units',
      label: t('cob.units'),
      children: (
        <Table
          rowKey="organisationId"
          data-testid="cob-units"
          loading={units.isLoading}
          dataSource={units.data?.items ?? []}
          locale={{ emptyText: t('cob.units.empty') }}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('cob.unit'), dataIndex: 'name' },
            { title: t('cob.community'), render: (_, u) => u.communities.join('、') || '—' },
            { title: t('cob.members'), dataIndex: 'members' },
            { title: t('cob.record.projectsDone'), dataIndex: 'projectsDone' },
            { title: t('cob.record.claims'), dataIndex: 'claims' },
            { title: t('cob.record.hours'), dataIndex: 'hours' },
            { title: '', render: (_, u) => activity(t, u.noActivity) },
            {
              title: '',
              render: (_, u) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() => setRecord(u.organisationId)}
                    data-testid={`cob-unit-open-${u.organisationId}`}
                  >
                    {t('cob.record.open')}
                  </Button>
                  {manager && u.agreements === 0 && (
                    <Button
                      size="small"
                      onClick={() => setDrawer({ kind: 'agreement', organisationId: u.organisationId })}
                    >
                      {t('cob.agreement.sign')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      ),
    },
    {
      key: 'members',
      label: t('cob.members'),
      children: (
        <Table
          rowKey="id"
          loading={members.isLoading}
          dataSource={members.data?.items ?? []}
          locale={empty}
          pagination={pagination}
          columns={[
            { title: t('cob.name'), dataIndex: 'name' },
            { title: t('cob.community'), dataIndex: 'communityName' },
            { title: t('cob.unitName'), dataIndex: 'unitName' },
            { title: t('cob.offers'), render: (_, m) => m.offers.map((o) => o.title).join('；') },
            { title: t('cob.annual'), dataIndex: 'annualCommitment' },
            { title: t('cob.servicesDone'), dataIndex: 'servicesDone' },
            { title: '', render: (_, m) => activity(t, m.noActivity) },
          ]}
        />
      ),
    },
    {
      key: 'resources',
      label: t('cob.resources'),
      children: (
        <Table
          rowKey="id"
          loading={resources.isLoading}
          dataSource={resources.data?.items ?? []}
          locale={empty}
          pagination={pagination}
          columns={[
            { title: t('cob.resources'), dataIndex: 'title' },
            { title: t('cob.provider'), dataIndex: 'providerName' },
          ]}
        />
      ),
    },
  ];
  return (
    <Card>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cob.title')}
        </Typography.Title>
        {manager && (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDrawer({ kind: 'unit' })} data-testid="cob-unit-new">
              {t('cob.unit.register')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ kind: 'agreement' })}
              data-testid="cob-agreement-new"
            >
              {t('cob.agreement.sign')}
            </Button>
          </Space>
        )}
      </Space>
      <ErrorAlert error={agreements.error ?? needs.error} />
      {/* Segmented rather than Tabs: antd's tab overflow menu fails axe's critical rules on a phone. */}
      <div style={{ overflowX: 'auto', marginBottom: 16 }}>
        <Segmented<string>
          value={tab}
          onChange={setTab}
          options={tabs.map((x) => ({ value: x.key, label: <span data-testid={`cob-tab-${x.key}`}>{x.label}</span> }))}
        />
      </div>
      {tabs.find((x) => x.key === tab)?.children}
      {dispatching != null && <DispatchDialog needId={dispatching} onClose={() => setDispatching(null)} />}
      <RegisterUnitDrawer
        open={drawer?.kind === 'unit'}
        onClose={(id) => setDrawer(id != null ? { kind: 'agreement', organisationId: id } : null)}
      />
      <AgreementDrawer
        open={drawer?.kind === 'agreement'}
        organisationId={drawer?.kind === 'agreement' ? drawer.organisationId : undefined}
        onClose={() => setDrawer(null)}
      />
      <UnitRecordDrawer id={record} onClose={() => setRecord(null)} />
    </Card>
  );
}
