// The service hall's figures for staff (/services/figures): received, handled, on-time share, share handled at the
// community's door, median time and satisfaction, by community, item or month, with the formulas and a total row
// (computed by the server over all applications, not summed from the rows' shares).
import { useState } from 'react';
import { Card, DatePicker, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { ServiceMetricRow } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormulaNote } from '../../components/FormulaNote';
import { PageHeader } from '../../components/PageHeader';
import { useMetrics } from './api';

type Row = z.infer<typeof ServiceMetricRow>;
const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);

export function FiguresPage() {
  const t = useT();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(90, 'day'), dayjs()]);
  const [by, setBy] = useState<'community' | 'item' | 'month'>('item');
  const q = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by };
  const m = useMetrics(q);
  const total = m.data?.total;
  const rows: Row[] = m.data ? [...m.data.rows, { ...m.data.total, label: t('svc.fig.total') }] : [];
  return (
    <>
      <PageHeader title={t('svc.figures')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            aria-label={t('svc.fig.range')}
          />
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'item')}
            options={(['item', 'community', 'month'] as const).map((x) => ({ value: x, label: t(`svc.fig.by.${x}`) }))}
          />
        </Space>
      </Card>
      <ErrorAlert error={m.error} onRetry={m.refetch} />
      <Card size="small" data-testid="svc-figures">
        <Table<Row>
          rowKey="key"
          size="small"
          loading={m.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('svc.fig.empty') }}
          rowClassName={(r) => (r.key === 'total' ? 'svc-total-row' : '')}
          onRow={(r) =>
            (r.key === 'total' ? { 'data-testid': 'svc-figures-total', style: { fontWeight: 600 } } : {}) as object
          }
          columns={[
            { title: t(`svc.fig.by.${by}`), dataIndex: 'label' },
            { title: t('svc.fig.received'), dataIndex: 'received', align: 'right' },
            { title: t('svc.fig.handled'), dataIndex: 'handled', align: 'right' },
            { title: t('svc.fig.onTime'), dataIndex: 'onTimeShare', align: 'right', render: pct },
            { title: t('svc.fig.atDoor'), dataIndex: 'atDoorShare', align: 'right', render: pct },
            {
              title: t('svc.fig.median'),
              dataIndex: 'medianHours',
              align: 'right',
              render: (h: number | null) => (h == null ? '—' : t('svc.fig.hours', { n: h })),
            },
            { title: t('svc.fig.satisfaction'), dataIndex: 'satisfaction', align: 'right', render: pct },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('svc.fig.formulas')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <FormulaNote
            testId="svc-formula-ontime"
            formula={t('svc.fig.f.onTime')}
            counts={total ? t('svc.fig.counts', { a: total.onTime, b: total.handled }) : undefined}
          />
          <FormulaNote
            testId="svc-formula-door"
            formula={t('svc.fig.f.atDoor')}
            counts={total ? t('svc.fig.counts', { a: total.atDoor, b: total.handled }) : undefined}
          />
          <FormulaNote formula={t('svc.fig.f.median')} />
          <FormulaNote formula={t('svc.fig.f.satisfaction')} />
        </Space>
      </Card>
    </>
  );
}
