// The summary figures of the metrics page as cards: counts and rates ('—' where a rate has no denominator).
import { Card, Col, Row, Statistic } from 'antd';
import type { MessageKey } from '../../app/i18n';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import type { Figures } from '../../lib/types';
import { percent } from './api';

type Key =
  | 'registered'
  | 'due'
  | 'closed'
  | 'closureRate'
  | 'onTimeRate'
  | 'reworkRate'
  | 'extensionRate'
  | 'returnRate'
  | 'satisfactionRate';
const CARDS: Key[] = [
  'registered',
  'due',
  'closed',
  'closureRate',
  'onTimeRate',
  'reworkRate',
  'extensionRate',
  'returnRate',
  'satisfactionRate',
];
const COUNTS = new Set<Key>(['registered', 'due', 'closed']);

export function SummaryCards({ figures, loading }: { figures: Figures | undefined; loading: boolean }) {
  const t = useT();
  return (
    <Row gutter={[8, 8]} data-testid={TID.metricsSummary}>
      {CARDS.map((key) => {
        const value = figures?.[key];
        const text = COUNTS.has(key) ? String(value ?? '—') : percent(value as number | null | undefined);
        return (
          <Col key={key} xs={12} sm={8} lg={8} xl={4} xxl={{ flex: '1 1 0' }}>
            <Card size="small" loading={loading && !figures}>
              <div data-testid={TID.metric(key)} data-value={value ?? ''}>
                <Statistic title={t(`metrics.${key}` as MessageKey)} value={text} valueStyle={{ fontSize: 22 }} />
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
