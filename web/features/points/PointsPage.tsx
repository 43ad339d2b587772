// The staff page of the time bank (/points): the communities' rules (edited in a drawer), the shop's items and stock
// (a new item, restock), participation grants of an event, the accounts with their balances, the last movements
// (reversal with a reason, confirmed), and the ledger's proof.
import { useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useT, type MessageKey } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { PlusOutlined } from '@ant-design/icons';
import { GrantDrawer, type GrantPerson } from './GrantDrawer';
import { ItemDrawer } from './ItemDrawer';
import { RuleDrawer } from './RuleDrawer';
import {
  useAccounts,
  useItems,
  useMovements,
  useProof,
  useRestock,
  useReverse,
  useRules,
  useRunProof,
  type RuleData,
} from './api';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export function PointsPage() {
  const t = useT();
  const rules = useRules();
  const items = useItems();
  const accounts = useAccounts();
  const movements = useMovements();
  const proof = useProof();
  const restock = useRestock();
  const reverse = useReverse();
  const runProof = useRunProof();
  const feedback = useFeedback();
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState<RuleData | null>(null);
  const [drawer, setDrawer] = useState<'item' | 'grant' | null>(null);
  const [person, setPerson] = useState<GrantPerson | undefined>();
  const last = proof.data?.last;
  const empty = { emptyText: t('points.empty') };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('points.staff.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            type="primary"
            onClick={() => {
              setPerson(undefined);
              setDrawer('grant');
            }}
            data-testid="points-grant-open"
          >
            {t('points.grant.title')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setDrawer('item')} data-testid="points-item-new">
            {t('points.item.new')}
          </Button>
        </Space>
      </Space>
      <ErrorAlert error={rules.error ?? items.error ?? accounts.error} onRetry={() => void rules.refetch()} />
      <Card size="small" title={t('points.proof')}>
        <Space wrap>
          {last ? (
            <Alert
              data-testid="points-proof"
              type={last.ok ? 'success' : 'error'}
              showIcon
              message={last.ok ? t('points.proof.ok') : t('points.proof.failed')}
              description={t('points.proof.detail', {
                at: when(last.at),
                accounts: last.accounts,
                entries: last.entries,
                total: last.total,
              })}
            />
          ) : (
            <Typography.Text type="secondary">{t('points.proof.none')}</Typography.Text>
          )}
          <Button
            loading={runProof.isPending}
            onClick={() =>
              runProof.mutate(undefined, {
                onSuccess: () => feedback.ok(t('points.proof.done')),
                onError: feedback.fail,
              })
            }
          >
            {t('points.proof.run')}
          </Button>
        </Space>
      </Card>
      <Tabs
        items={[
          {
            key: 'items',
            label: t('points.items'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={items.isLoading}
                dataSource={items.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('points.shop.empty') }}
                columns={[
                  { title: t('points.item.name'), dataIndex: 'name' },
                  { title: t('points.item.merchant'), dataIndex: 'merchantName' },
                  { title: t('points.item.community'), dataIndex: 'communityName' },
                  { title: t('points.item.price'), dataIndex: 'price' },
                  {
                    title: t('points.item.stock'),
                    dataIndex: 'stock',
                    render: (v: number, r) => <span data-testid={`points-stock-${r.id}`}>{v}</span>,
                  },
                  {
                    title: '',
                    key: 'a',
                    render: (_: unknown, r) => (
                      <Button
                        size="small"
                        onClick={() =>
                          restock.mutate(
                            { id: r.id, stockDelta: 5 },
                            { onSuccess: () => feedback.ok(t('points.restocked')), onError: feedback.fail },
                          )
                        }
                      >
                        {t('points.restock')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'rules',
            label: t('points.rules'),
            children: (
              <Table
                rowKey="communityId"
                size="small"
                loading={rules.isLoading}
                dataSource={rules.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={empty}
                data-testid="points-rules"
                columns={[
                  { title: t('points.item.community'), dataIndex: 'communityName' },
                  {
                    title: t('points.rule.hours'),
                    key: 'h',
                    render: (_: unknown, r) =>
                      Object.entries(r.hourRates)
                        .map(
                          ([k, v]) =>
                            `${k === 'default' ? t('points.rule.default') : t(`vol.type.${k}` as MessageKey)}: ${v}`,
                        )
                        .join('，'),
                  },
                  { title: t('points.rule.wish'), dataIndex: 'wishFulfilled' },
                  { title: t('points.rule.participation'), dataIndex: 'participation' },
                  { title: t('points.rule.project'), dataIndex: 'projectDone' },
                  {
                    title: t('points.rule.expiry'),
                    dataIndex: 'expiryMonths',
                    render: (v: number | null) => (v ? t('points.rule.months', { n: v }) : t('points.rule.never')),
                  },
                  {
                    title: t('points.rule.pooling'),
                    dataIndex: 'poolingAllowed',
                    render: (v: boolean) => (v ? t('points.yes') : t('points.no')),
                  },
                  {
                    title: '',
                    dataIndex: 'custom',
                    render: (v: boolean) => (v ? null : <Tag>{t('points.rule.isDefault')}</Tag>),
                  },
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, r) => (
                      <Button
                        size="small"
                        onClick={() => setEditing(r)}
                        data-testid={`points-rule-edit-${r.communityId}`}
                      >
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'accounts',
            label: t('points.accounts'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={accounts.isLoading}
                dataSource={accounts.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={empty}
                columns={[
                  {
                    title: t('points.account.kind'),
                    dataIndex: 'kind',
                    render: (v: string) => t(`points.account.${v as 'user'}`),
                  },
                  { title: t('points.account.holder'), dataIndex: 'holder' },
                  { title: t('points.item.community'), dataIndex: 'communityName' },
                  { title: t('points.balance'), dataIndex: 'balance' },
                  {
                    title: '',
                    key: 'grant',
                    render: (_: unknown, a) =>
                      a.userId != null ? (
                        <Button
                          size="small"
                          onClick={() => {
                            setPerson({ userId: a.userId!, name: a.holder });
                            setDrawer('grant');
                          }}
                        >
                          {t('points.grant.one')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'movements',
            label: t('points.movements'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={movements.isLoading}
                dataSource={movements.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={empty}
                columns={[
                  { title: '#', dataIndex: 'id' },
                  { title: t('points.at'), dataIndex: 'at', render: (v: string) => when(v) },
                  {
                    title: t('points.account.kind'),
                    dataIndex: 'kind',
                    render: (v: string) => t(`points.kind.${v as 'award'}`),
                  },
                  { title: t('points.memo'), dataIndex: 'memo' },
                  { title: t('points.amount'), dataIndex: 'amount' },
                  {
                    title: '',
                    key: 'a',
                    render: (_: unknown, r) =>
                      r.kind === 'reversal' || r.reversed ? (
                        r.reversed ? (
                          <Tag color="red">{t('points.reversed')}</Tag>
                        ) : null
                      ) : (
                        <Popconfirm
                          title={t('points.reverse.confirm')}
                          description={
                            <Input
                              aria-label={t('points.reverse.reason')}
                              placeholder={t('points.reverse.reason')}
                              value={reason}
                              onChange={(e) => setReason(e.target.value)}
                            />
                          }
                          okText={t('points.reverse')}
                          cancelText={t('common.cancel')}
                          onConfirm={() =>
                            reverse.mutate(
                              { id: r.id, reason },
                              { onSuccess: () => feedback.ok(t('points.reverse.done')), onError: feedback.fail },
                            )
                          }
                        >
                          <Button size="small" danger>
                            {t('points.reverse')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <RuleDrawer rule={editing} onClose={() => setEditing(null)} />
      <ItemDrawer open={drawer === 'item'} onClose={() => setDrawer(null)} />
      <GrantDrawer open={drawer === 'grant'} person={person} onClose={() => setDrawer(null)} />
    </Space>
  );
}
