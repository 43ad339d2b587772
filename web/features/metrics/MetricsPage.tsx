// The metrics page (/metrics): period (this year by default) and scope, summary cards, breakdown, scores, ledger export.
import { useState } from 'react';
import { Button, Card, DatePicker, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ApiError } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { downloadLedger, useSummary, type MetricsFilters } from './api';
import { BreakdownCard } from './BreakdownCard';
import { ScoresCard } from './ScoresCard';
import { SummaryCards } from './SummaryCards';

const ISO = 'YYYY-MM-DD';

export function MetricsPage() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const canPickNode = useCan('territory.read');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs().endOf('year')]);
  const [node, setNode] = useState<NodeOption | null>(null);
  const [exporting, setExporting] = useState(false);
  // The server's period is [from, to): the picker's last day is included, so `to` is the day after it.
  const filters: MetricsFilters = {
    from: range[0].format(ISO),
    to: range[1].add(1, 'day').format(ISO),
    nodeId: node?.value,
  };
  const summary = useSummary(filters);
  const isDepartment = me.bindings.some((b) => b.role === 'department_handler');

  const exportLedger = async () => {
    setExporting(true);
    try {
      await downloadLedger(filters);
      feedback.ok(t('metrics.exported'));
    } catch (error) {
      feedback.fail(error);
    } finally {
      setExporting(false);
    }
  };

  const notMounted = summary.error instanceof ApiError && summary.error.status === 404 && !summary.data;
  return (
    <>
      <PageHeader
        title={t('metrics.title')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportLedger()}
            data-testid={TID.metricsExport}
          >
            {t('metrics.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>
            <Typography.Text type="secondary">{t('metrics.range')} </Typography.Text>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              data-testid={TID.metricsRange}
            />
          </span>
          {canPickNode && (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <Typography.Text type="secondary">{t('metrics.scope')}</Typography.Text>
              <NodePicker
                value={node}
                onChange={setNode}
                kinds={['district', 'street', 'community', 'grid']}
                placeholder={t('metrics.scopeAll')}
                style={{ width: 220 }}
                testId={TID.metricsNode}
              />
            </span>
          )}
        </Space>
      </Card>
      {notMounted ? (
        <ErrorAlert error={new Error(t('metrics.notReady'))} onRetry={() => void summary.refetch()} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
          <SummaryCards figures={summary.data?.figures} loading={summary.isPending} />
          <BreakdownCard filters={filters} />
          <ScoresCard filters={filters} defaultKind={isDepartment ? 'department' : 'community'} />
        </Space>
      )}
    </>
  );
}
