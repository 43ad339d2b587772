// The breakdown of the metrics page: by area, handler, category, channel or month, as a bar chart and a table.
import { useMemo, useState } from 'react';
import { Card, Segmented, Table } from 'antd';
import { BREAKDOWNS, type Breakdown } from '../../../contracts/metrics';
import { CHANNELS, type Channel } from '../../../contracts/cases';
import { useT, type Translate } from '../../app/i18n';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useECharts } from '../../lib/useECharts';
import type { BreakdownResult, Figures } from '../../lib/types';
import { percent, useBreakdown, type MetricsFilters } from './api';

type Row = BreakdownResult['rows'][number];

/** A row's display name: channels and months from the key, the rest as the server named them. */
function rowName(row: Row, by: Breakdown, t: Translate): string {
  if (by === 'channel' && CHANNELS.includes(row.key as Channel)) return t(`channel.${row.key as Channel}`);
  if (by === 'month') return row.key ?? t('metrics.unknown');
  return row.name ?? row.key ?? t('metrics.unknown');
}

function Chart({ rows, names }: { rows: Row[]; names: string[] }) {
  const t = useT();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 56 },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['registered', 'closed', 'due'] as const).map((key) => ({
        name: t(`metrics.${key}`),
        type: 'bar',
        data: rows.map((r) => r.figures[key]),
      })),
    }),
    [rows, names, t],
  );
  const ref = useECharts(option);
  return <div ref={ref} style={{ height: 280, width: '100%' }} data-testid={TID.metricsChart} />;
}

export function BreakdownCard({ filters }: { filters: MetricsFilters }) {
  const t = useT();
  const [by, setBy] = useState<Breakdown>('node');
  const result = useBreakdown(filters, by);
  const rows = result.data?.by === by ? result.data.rows : [];
  const names = rows.map((r) => rowName(r, by, t));
  const rate = (key: keyof Figures) => ({
    title: t(`metrics.${key}` as 'metrics.closureRate'),
    width: 100,
    render: (_: unknown, r: Row) => percent(r.figures[key] as number | null),
  });

  return (
    <Card size="small" title={t('metrics.breakdown')}>
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented<Breakdown>
          value={by}
          onChange={setBy}
          options={BREAKDOWNS.map((b) => ({ value: b, label: t(`metrics.by.${b}`) }))}
          data-testid={TID.metricsBreakdownBy}
        />
      </div>
      <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      {rows.length > 0 && <Chart rows={rows} names={names} />}
      <Table<Row>
        size="small"
        rowKey={(r) => String(r.key)}
        loading={result.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        data-testid={TID.metricsBreakdownTable}
        columns={[
          { title: t('metrics.name'), key: 'name', fixed: 'left', width: 140, render: (_, r) => rowName(r, by, t) },
          { title: t('metrics.registered'), width: 80, render: (_, r) => r.figures.registered },
          { title: t('metrics.due'), width: 80, render: (_, r) => r.figures.due },
          { title: t('metrics.closed'), width: 80, render: (_, r) => r.figures.closed },
          rate('closureRate'),
          rate('onTimeRate'),
          rate('reworkRate'),
          rate('satisfactionRate'),
        ]}
      />
    </Card>
  );
}
