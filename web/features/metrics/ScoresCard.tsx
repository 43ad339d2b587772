// Unit scores and grades (A–E) of departments or communities for the period, with the weights the score was made of.
import { useState } from 'react';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import type { Grade } from '../../../contracts/metrics';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormulaNote } from '../../components/FormulaNote';
import type { ScoresResult } from '../../lib/types';
import { percent, useScores, type MetricsFilters } from './api';

type Kind = 'department' | 'community';
type Row = ScoresResult['rows'][number];
/** A weight (0–1) as a whole percentage: 0.3 → '30%'. */
const weight = (w: number) => `${Math.round(w * 1000) / 10}%`;
const GRADE_COLOR: Record<Grade, string> = { A: 'green', B: 'cyan', C: 'blue', D: 'orange', E: 'red' };

export function ScoresCard({ filters, defaultKind }: { filters: MetricsFilters; defaultKind: Kind }) {
  const t = useT();
  const [kind, setKind] = useState<Kind>(defaultKind);
  const scores = useScores(filters, kind);
  const rows = scores.data?.kind === kind ? scores.data.rows : [];
  return (
    <Card
      size="small"
      title={t('metrics.scores')}
      extra={
        <Segmented<Kind>
          value={kind}
          onChange={setKind}
          options={(['department', 'community'] as const).map((k) => ({
            value: k,
            label: t(`metrics.scoreKind.${k}`),
          }))}
        />
      }
    >
      <ErrorAlert error={scores.error} onRetry={() => void scores.refetch()} />
      <Table<Row>
        size="small"
        rowKey="id"
        loading={scores.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid={TID.metricsScores}
        columns={[
          { title: t('metrics.unit'), dataIndex: 'name', fixed: 'left', width: 160 },
          {
            title: t('metrics.score'),
            dataIndex: 'score',
            width: 80,
            render: (v: number | null) => (v == null ? '—' : v.toFixed(2)),
          },
          {
            title: t('metrics.grade'),
            dataIndex: 'grade',
            width: 70,
            render: (g: Grade | null) => (g ? <Tag color={GRADE_COLOR[g]}>{g}</Tag> : '—'),
          },
          { title: t('metrics.volumeScore'), dataIndex: 'volumeScore', width: 90 },
          { title: t('metrics.due'), width: 80, render: (_, r) => r.figures.due },
          { title: t('metrics.closed'), width: 80, render: (_, r) => r.figures.closed },
          { title: t('metrics.closureRate'), width: 90, render: (_, r) => percent(r.figures.closureRate) },
          { title: t('metrics.onTimeRate'), width: 100, render: (_, r) => percent(r.figures.onTimeRate) },
          { title: t('metrics.reworkRate'), width: 90, render: (_, r) => percent(r.figures.reworkRate) },
        ]}
      />
      {scores.data && (
        <div style={{ marginTop: 12 }} data-testid={TID.metricsScoreFormula}>
          <Typography.Text strong>{t('metrics.howComputed')}</Typography.Text>
          <FormulaNote
            formula={t('metrics.scoreFormula', {
              volume: weight(scores.data.weights.volume),
              closure: weight(scores.data.weights.closure),
              onTime: weight(scores.data.weights.onTime),
              rework: weight(scores.data.weights.rework),
            })}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {t('metrics.volumeFormula')}
            <br />
            {t('metrics.gradeScale')}
            <br />
            {t('metrics.scoreExcludes')}
          </Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}
