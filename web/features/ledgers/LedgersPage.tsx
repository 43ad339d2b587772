// The ledgers page (/ledgers, 台账): every ledger the server says this person may produce, each with its node and
// period pickers and a download button.
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Me } from '../../../contracts/auth';
import type { LedgerInfo } from '../../../contracts/ledgers';
import { useT, type MessageKey } from '../../app/i18n';
import { useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { Query } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { downloadLedger, useLedgers } from './api';

const ISO = 'YYYY-MM-DD';
const ALL_KINDS = ['district', 'street', 'community', 'grid'] as const;

/** The kind of node each role is bound to, so a ledger asking for that kind starts at the person's own place. */
const ROLE_KIND: Partial<Record<string, string>> = {
  district_admin: 'district',
  street_officer: 'street',
  community_worker: 'community',
  grid_worker: 'grid',
};

/** The person's own place when they have exactly one binding of a kind this ledger asks for (else none). */
function ownNode(me: Me, kinds: readonly string[] | undefined): NodeOption | null {
  const own = me.bindings.filter(
    (b) => b.nodeId != null && ROLE_KIND[b.role] && (kinds ?? ALL_KINDS).includes(ROLE_KIND[b.role]!),
  );
  return own.length === 1 ? { value: own[0]!.nodeId!, label: own[0]!.nodeName ?? String(own[0]!.nodeId) } : null;
}

function LedgerCard({ ledger }: { ledger: LedgerInfo }) {
  const t = useT();
  const feedback = useFeedback();
  const me = useMe();
  const [node, setNode] = useState<NodeOption | null>(() =>
    ledger.node ? ownNode(me, ledger.node.kinds ?? undefined) : null,
  );
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs().endOf('month')]);
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [busy, setBusy] = useState(false);
  const nameKey = `ledgers.name.${ledger.id}` as MessageKey;
  const name = t(nameKey) === nameKey ? ledger.title : t(nameKey);
  const missingNode = ledger.node?.required === true && !node;
  // A ledger made for one grid says so; others ask for an area.
  const forGrid = ledger.node?.kinds?.length === 1 && ledger.node.kinds[0] === 'grid';

  const query = (): Query => {
    const q: Query = {};
    if (ledger.node && node) q[ledger.node.param] = node.value;
    if (ledger.period?.kind === 'range') {
      q[ledger.period.from] = range[0].format(ISO);
      // The picker's last day is included; the server's period is [from, to).
      q[ledger.period.to] = range[1].add(1, 'day').format(ISO);
    }
    if (ledger.period?.kind === 'month') q[ledger.period.param] = month.format('YYYY-MM');
    return q;
  };
  const run = async () => {
    setBusy(true);
    try {
      await downloadLedger(ledger.path, query());
      feedback.ok(t('ledgers.downloaded'));
    } catch (error) {
      feedback.fail(error);
    } finally {
      setBusy(false);
    }
  };
  const masked = ledger.personal.filter((p) => p.kind !== 'name');

  return (
    <Card
      title={name}
      size="small"
      data-testid={TID.ledgerCard(ledger.id)}
      style={{ height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      {masked.length > 0 && (
        <Typography.Text type="secondary">
          {t('ledgers.personal', {
            columns: masked.map((p) => `${p.header}（${t(`ledgers.kind.${p.kind}` as MessageKey)}）`).join('、'),
          })}
        </Typography.Text>
      )}
      <Space wrap>
        {ledger.node && (
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <Typography.Text type="secondary">{t(forGrid ? 'ledgers.grid' : 'ledgers.node')}</Typography.Text>
            <NodePicker
              value={node}
              onChange={setNode}
              kinds={ledger.node.kinds ?? ALL_KINDS}
              placeholder={
                !ledger.node.required ? t('ledgers.nodeAll') : forGrid ? t('ledgers.gridPick') : t('ledgers.nodePick')
              }
              style={{ width: 220 }}
              testId={TID.ledgerNode(ledger.id)}
            />
          </span>
        )}
        {ledger.period?.kind === 'range' && (
          <span>
            <Typography.Text type="secondary">{t('ledgers.range')} </Typography.Text>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              data-testid={TID.ledgerPeriod(ledger.id)}
            />
          </span>
        )}
        {ledger.period?.kind === 'month' && (
          <span>
            <Typography.Text type="secondary">{t('ledgers.month')} </Typography.Text>
            <DatePicker
              picker="month"
              value={month}
              allowClear={false}
              onChange={(v) => v && setMonth(v)}
              data-testid={TID.ledgerPeriod(ledger.id)}
            />
          </span>
        )}
        {!ledger.node && !ledger.period && <Typography.Text type="secondary">{t('ledgers.noParams')}</Typography.Text>}
      </Space>
      <div style={{ marginTop: 'auto' }}>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          loading={busy}
          disabled={missingNode}
          onClick={() => void run()}
          data-testid={TID.ledgerDownload(ledger.id)}
        >
          {t('ledgers.download')}
        </Button>
        {missingNode && (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t(forGrid ? 'ledgers.gridRequired' : 'ledgers.nodeRequired')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

export function LedgersPage() {
  const t = useT();
  const ledgers = useLedgers();
  return (
    <>
      <PageHeader title={t('ledgers.title')} subtitle={t('ledgers.subtitle')} />
      <ErrorAlert error={ledgers.error} onRetry={() => void ledgers.refetch()} />
      {ledgers.isPending ? (
        <Spin />
      ) : ledgers.data?.ledgers.length ? (
        <Row gutter={[12, 12]}>
          {ledgers.data.ledgers.map((l) => (
            <Col key={l.id} xs={24} lg={12}>
              <LedgerCard ledger={l} />
            </Col>
          ))}
        </Row>
      ) : (
        ledgers.data && <Empty description={t('ledgers.empty')} />
      )}
    </>
  );
}
