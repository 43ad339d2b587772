// Property supervision for staff (/supervision): estates and contracts, 万户比 by company and month, the red/black list's
// rules and decisions, the special fund's ledger, and the scorecards of departments and partner units.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useT, type MessageKey } from '../../app/i18n';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormulaNote } from '../../components/FormulaNote';
import { errorMessage } from '../../lib/api';
import type { Decision, Estimate } from '../../../contracts/supervision';
import {
  useAddRule,
  useContracts,
  useDecisions,
  useDecisionStep,
  useEvaluate,
  useFund,
  useFundEntry,
  useRates,
  useRules,
  useScorecard,
} from './api';

const yuan = (cents: number) => (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });
const monthOf = (d: Date, back = 0) => {
  const x = new Date(d.getFullYear(), d.getMonth() - back, 1);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}`;
};

function EstimateCell({ e }: { e: Estimate | null }) {
  const t = useT();
  if (!e || e.shrunk == null || e.n === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {e.shrunk}
      {e.low != null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          [{e.low}–{e.high}] {t('sup.n', { n: e.n })}
        </Typography.Text>
      )}
    </span>
  );
}

function Contracts() {
  const t = useT();
  const q = useContracts();
  return (
    <>
      <ErrorAlert error={q.error} onRetry={q.refetch} />
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('sup.noContracts') }}
        columns={[
          { title: t('sup.estate'), render: (_, c) => `${c.communityName ?? ''} ${c.estateName}` },
          { title: t('sup.company'), dataIndex: 'companyName' },
          { title: t('sup.ownersCommittee'), dataIndex: 'ownersCommittee', render: (v) => v ?? '—' },
          { title: t('sup.term'), render: (_, c) => `${c.termStart} ~ ${c.termEnd}` },
          { title: t('sup.fee'), render: (_, c) => t('sup.feeValue', { v: yuan(c.feeCentsPerSqm) }) },
          { title: t('sup.households'), dataIndex: 'households' },
          {
            title: t('sup.commitments'),
            render: (_, c) => (
              <Space wrap size={4}>
                {c.commitments.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function Rates() {
  const t = useT();
  const now = new Date();
  const [to] = useState(monthOf(now));
  const [from] = useState(monthOf(now, 5));
  const q = useRates(from, to);
  const months = useMemo(() => [...new Set(q.data?.items.map((x) => x.month))], [q.data]);
  const companies = useMemo(() => {
    const m = new Map<number, { companyId: number; companyName: string; [k: string]: unknown }>();
    for (const x of q.data?.items ?? []) {
      const row = m.get(x.companyId) ?? { companyId: x.companyId, companyName: x.companyName };
      row[x.month] = x;
      m.set(x.companyId, row);
    }
    return [...m.values()];
  }, [q.data]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={q.error} onRetry={q.refetch} />
      <Table
        rowKey="companyId"
        loading={q.isLoading}
        dataSource={companies}
        pagination={false}
        scroll={{ x: true }}
        data-testid="sup-rates"
        locale={{ emptyText: t('sup.noRates') }}
        columns={[
          { title: t('sup.company'), dataIndex: 'companyName', fixed: 'left' },
          ...months.map((m) => ({
            title: m,
            key: m,
            render: (_: unknown, r: Record<string, unknown>) => {
              const x = r[m] as { perTenThousand: number | null; complaints: number; households: number } | undefined;
              if (!x || x.perTenThousand == null) return <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <span>
                  {x.perTenThousand}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    ({x.complaints}/{x.households})
                  </Typography.Text>
                </span>
              );
            },
          })),
        ]}
      />
      {q.data && <FormulaNote formula={q.data.formula} testId="sup-rate-formula" />}
    </Space>
  );
}

function Lists() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const rules = useRules();
  const decisions = useDecisions();
  const addRule = useAddRule();
  const evaluate = useEvaluate();
  const step = useDecisionStep();
  const isAdmin = me.bindings.some((b) => b.role === 'district_admin');
  const isCompany = me.bindings.some((b) => b.role === 'property_staff');
  const canManage = me.bindings.some((b) => ['district_admin', 'street_officer', 'community_worker'].includes(b.role));
  const [period, setPeriod] = useState(monthOf(new Date(), 1));
  const [appeal, setAppeal] = useState('');
  const done = { onError: (e: unknown) => void message.error(errorMessage(e)) };
  const statusColor: Record<Decision['status'], string> = {
    pending: 'gold',
    appealed: 'orange',
    published: 'green',
    withdrawn: 'default',
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title={t('sup.rules')}>
        <ErrorAlert error={rules.error} onRetry={rules.refetch} />
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rules.data?.items}
          locale={{ emptyText: t('sup.noRules') }}
          columns={[
            { title: t('sup.list'), render: (_, r) => <Tag>{t(r.list === 'red' ? 'sup.red' : 'sup.black')}</Tag> },
            {
              title: t('sup.rule'),
              render: (_, r) =>
                t(r.metric === 'complaint_rate' ? 'sup.ruleRate' : 'sup.ruleSatisfaction', {
                  op: t(r.op === 'above' ? 'sup.above' : 'sup.below'),
                  v: r.threshold,
                  m: r.months,
                }),
            },
          ]}
        />
        {isAdmin && (
          <Form
            layout="inline"
            style={{ marginTop: 12 }}
            initialValues={{ list: 'black', metric: 'complaint_rate', op: 'above', months: 2 }}
            onFinish={(v) => addRule.mutate(v, { ...done, onSuccess: () => void message.success(t('sup.saved')) })}
          >
            <Form.Item name="list" label={t('sup.list')}>
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'red', label: t('sup.red') },
                  { value: 'black', label: t('sup.black') },
                ]}
              />
            </Form.Item>
            <Form.Item name="metric" label={t('sup.metric')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'complaint_rate', label: t('sup.metric.complaint_rate') },
                  { value: 'satisfaction', label: t('sup.metric.satisfaction') },
                ]}
              />
            </Form.Item>
            <Form.Item name="op">
              <Select
                style={{ width: 90 }}
                aria-label={t('sup.op')}
                options={[
                  { value: 'above', label: t('sup.above') },
                  { value: 'below', label: t('sup.below') },
                ]}
              />
            </Form.Item>
            <Form.Item name="threshold" label={t('sup.threshold')} rules={[{ required: true }]}>
              <InputNumber style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="months" label={t('sup.months')}>
              <InputNumber min={1} max={12} style={{ width: 70 }} />
            </Form.Item>
            <Button htmlType="submit" loading={addRule.isPending}>
              {t('sup.addRule')}
            </Button>
          </Form>
        )}
      </Card>
      <Card
        size="small"
        title={t('sup.decisions')}
        extra={
          canManage && (
            <Space>
              <Input
                aria-label={t('sup.period')}
                value={period}
                onChange={(e) => setPeriod(e.target.value)}
                style={{ width: 100 }}
              />
              <Button
                loading={evaluate.isPending}
                onClick={() =>
                  evaluate.mutate(period, {
                    ...done,
                    onSuccess: (r) => void message.success(t('sup.evaluated', { n: r.created })),
                  })
                }
              >
                {t('sup.evaluate')}
              </Button>
            </Space>
          )
        }
      >
        <ErrorAlert error={decisions.error} onRetry={decisions.refetch} />
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20 }}
          dataSource={decisions.data?.items}
          locale={{ emptyText: t('sup.noDecisions') }}
          columns={[
            { title: t('sup.company'), dataIndex: 'companyName' },
            { title: t('sup.list'), render: (_, d) => <Tag>{t(d.list === 'red' ? 'sup.red' : 'sup.black')}</Tag> },
            { title: t('sup.period'), dataIndex: 'period' },
            { title: t('sup.reason'), dataIndex: 'reason' },
            {
              title: t('sup.status'),
              render: (_, d) => <Tag color={statusColor[d.status]}>{t(`sup.status.${d.status}` as MessageKey)}</Tag>,
            },
            { title: t('sup.appealUntil'), render: (_, d) => new Date(d.appealUntil).toLocaleDateString('zh-CN') },
            { title: t('sup.appeal'), dataIndex: 'appeal', render: (v) => v ?? '—' },
            {
              title: t('sup.actions'),
              render: (_, d) => (
                <Space wrap>
                  {canManage && d.status === 'pending' && (
                    <Popconfirm
                      title={t('sup.publishConfirm')}
                      onConfirm={() => step.mutate({ id: d.id, step: 'publish' }, done)}
                    >
                      <Button size="small">{t('sup.publish')}</Button>
                    </Popconfirm>
                  )}
                  {canManage && d.status === 'appealed' && (
                    <>
                      <Button
                        size="small"
                        onClick={() => step.mutate({ id: d.id, step: 'resolve', body: { uphold: true } }, done)}
                      >
                        {t('sup.uphold')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => step.mutate({ id: d.id, step: 'resolve', body: { uphold: false } }, done)}
                      >
                        {t('sup.withdraw')}
                      </Button>
                    </>
                  )}
                  {isCompany && d.status === 'pending' && (
                    <Space.Compact>
                      <Input
                        size="small"
                        aria-label={t('sup.appeal')}
                        value={appeal}
                        onChange={(e) => setAppeal(e.target.value)}
                      />
                      <Button
                        size="small"
                        disabled={!appeal.trim()}
                        onClick={() => step.mutate({ id: d.id, step: 'appeal', body: { reason: appeal.trim() } }, done)}
                      >
                        {t('sup.doAppeal')}
                      </Button>
                    </Space.Compact>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Fund() {
  const t = useT();
  const { message } = App.useApp();
  const contracts = useContracts();
  const [estate, setEstate] = useState<number | null>(null);
  const estateId = estate ?? contracts.data?.items[0]?.estateNodeId ?? null;
  const fund = useFund(estateId);
  const add = useFundEntry();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) ?? 'income';
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('sup.estate')}
          data-testid="fund-estate"
          style={{ minWidth: 240 }}
          value={estateId ?? undefined}
          onChange={setEstate}
          options={[...new Map((contracts.data?.items ?? []).map((c) => [c.estateNodeId, c])).values()].map((c) => ({
            value: c.estateNodeId,
            label: `${c.estateName}（${c.companyName}）`,
          }))}
        />
        {fund.data && (
          <Typography.Text strong data-testid="fund-balance">
            {t('sup.balance', { v: yuan(fund.data.balanceCents) })}
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={fund.error} onRetry={fund.refetch} />
      <Table
        rowKey="id"
        size="small"
        loading={fund.isLoading}
        dataSource={fund.data?.items}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('sup.noFund') }}
        columns={[
          { title: t('sup.bookedOn'), dataIndex: 'bookedOn' },
          {
            title: t('sup.kind'),
            render: (_, f) => (
              <Tag color={f.kind === 'income' ? 'green' : 'blue'}>{t(`sup.fund.${f.kind}` as MessageKey)}</Tag>
            ),
          },
          {
            title: t('sup.detail'),
            render: (_, f) =>
              f.kind === 'income'
                ? t('sup.incomeDetail', { fee: yuan(f.feeIncomeCents ?? 0), share: f.sharePercent ?? 0 })
                : `${f.project}（${f.councilDecision}）`,
          },
          { title: t('sup.amount'), render: (_, f) => `${f.kind === 'income' ? '+' : '−'}${yuan(f.amountCents)}` },
          { title: t('sup.balanceCol'), render: (_, f) => yuan(f.balanceCents) },
          { title: t('sup.note'), dataIndex: 'note', render: (v) => v ?? '' },
        ]}
      />
      {estateId && (
        <Card size="small" title={t('sup.addEntry')}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ kind: 'income', sharePercent: 5, bookedOn: today }}
            onFinish={(v) => {
              const body =
                v.kind === 'income'
                  ? {
                      kind: 'income' as const,
                      estateNodeId: estateId,
                      feeIncomeCents: Math.round(v.fee * 100),
                      sharePercent: v.sharePercent,
                      bookedOn: v.bookedOn,
                    }
                  : {
                      kind: 'spending' as const,
                      estateNodeId: estateId,
                      amountCents: Math.round(v.amount * 100),
                      project: v.project,
                      councilDecision: v.councilDecision,
                      bookedOn: v.bookedOn,
                    };
              add.mutate(body, {
                onSuccess: () => {
                  form.resetFields(['fee', 'amount', 'project', 'councilDecision']);
                  void message.success(t('sup.saved'));
                },
                onError: (e) => void message.error(errorMessage(e)),
              });
            }}
          >
            <Form.Item name="kind" label={t('sup.kind')}>
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'income', label: t('sup.fund.income') },
                  { value: 'spending', label: t('sup.fund.spending') },
                ]}
              />
            </Form.Item>
            {kind === 'income' ? (
              <>
                <Form.Item name="fee" label={t('sup.feeIncome')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name="sharePercent" label={t('sup.share')} rules={[{ required: true }]}>
                  <InputNumber min={0.1} max={100} style={{ width: 80 }} />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="amount" label={t('sup.amount')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="project" label={t('sup.project')} rules={[{ required: true }]}>
                  <Input style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name="councilDecision" label={t('sup.council')} rules={[{ required: true }]}>
                  <Input style={{ width: 160 }} />
                </Form.Item>
              </>
            )}
            <Form.Item name="bookedOn" label={t('sup.bookedOn')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={add.isPending}>
              {t('sup.book')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function Scorecards() {
  const t = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useScorecard(year);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <InputNumber aria-label={t('sup.year')} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        {q.data?.communityRating && (
          <Typography.Text data-testid="sup-community-rating">
            {t('sup.communityRating')}：<EstimateCell e={q.data.communityRating} />
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={q.error} onRetry={q.refetch} />
      <Table
        rowKey="organisationId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
        data-testid="sup-scorecard"
        locale={{ emptyText: t('sup.noScorecard') }}
        columns={[
          { title: t('sup.unit'), dataIndex: 'organisationName' },
          { title: t('sup.summoned'), dataIndex: 'summoned' },
          { title: t('sup.notReportedIn'), dataIndex: 'notReportedIn' },
          { title: t('sup.returns'), dataIndex: 'returns' },
          { title: t('sup.onTime'), render: (_, r) => <EstimateCell e={r.handled ? r.onTimeRate : null} /> },
          { title: t('sup.rating'), render: (_, r) => <EstimateCell e={r.rating} /> },
          { title: t('sup.score'), dataIndex: 'score', render: (v) => v ?? '—' },
          {
            title: t('sup.rank'),
            dataIndex: 'rank',
            render: (v) => v ?? <Typography.Text type="secondary">{t('sup.tooFew')}</Typography.Text>,
          },
        ]}
      />
      {q.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('sup.shrinkNote', { n: q.data.minSample })}
        </Typography.Paragraph>
      )}
    </Space>
  );
}

const TABS = ['contracts', 'rates', 'lists', 'fund', 'scorecards'] as const;
type Tab = (typeof TABS)[number];
const PANELS: Record<Tab, () => React.ReactElement> = {
  contracts: Contracts,
  rates: Rates,
  lists: Lists,
  fund: Fund,
  scorecards: Scorecards,
};

export function SupervisionPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'contracts';
  const Panel = PANELS[tab];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('sup.title')}
      </Typography.Title>
      <div style={{ overflowX: 'auto' }}>
        <Segmented<Tab>
          value={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          options={TABS.map((k) => ({
            value: k,
            label: <span data-testid={`sup-tab-${k}`}>{t(`sup.tab.${k}` as MessageKey)}</span>,
          }))}
        />
      </div>
      <Panel />
    </Space>
  );
}
