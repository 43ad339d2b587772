// The summary figures of the metrics page as cards: counts and rates ('—' where a rate has no denominator), each rate
// with the counts it was divided from and its formula (DOMAIN.md §3), so a figure that looks odd can be read off its card.
import { Card, Col, Row, Statistic } from 'antd';
import type { Counts } from '../../../contracts/metrics';
import type { MessageKey } from '../../app/i18n';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { FormulaNote } from '../../components/FormulaNote';
import type { Figures } from '../../lib/types';
import { percent } from './api';

type Rate = 'closureRate' | 'onTimeRate' | 'reworkRate' | 'extensionRate' | 'returnRate' | 'satisfactionRate';
type Key = 'registered' | 'due' | 'closed' | Rate;
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
/** The counts each rate divides, as formulas.ts defines them (numerator, denominator). */
const PARTS: Record<Rate, [keyof Counts, keyof Counts]> = {
  closureRate: ['closed', 'due'],
  onTimeRate: ['closedOnTime', 'due'],
  reworkRate: ['reworked', 'due'],
  extensionRate: ['extended', 'due'],
  returnRate: ['returned', 'dispatched'],
  satisfactionRate: ['satisfied', 'rated'],
};
const isRate = (k: Key): k is Rate => k in PARTS;

export function SummaryCards({ figures, loading }: { figures: Figures | undefined; loading: boolean }) {
  const t = useT();
  return (
    <Row gutter={[8, 8]} data-testid={TID.metricsSummary}>
      {CARDS.map((key) => {
        const value = figures?.[key];
        const text = isRate(key) ? percent(value as number | null | undefined) : String(value ?? '—');
        const parts = isRate(key) ? PARTS[key] : null;
        return (
          <Col key={key} xs={12} sm={8} lg={8} xl={4} xxl={{ flex: '1 1 0' }}>
            <Card size="small" loading={loading && !figures} style={{ height: '100%' }}>
              <div data-testid={TID.metric(key)} data-value={value ?? ''}>
                <Statistic title={t(`metrics.${key}` as MessageKey)} value={text} valueStyle={{ fontSize: 22 }} />
              </div>
              {(parts || key === 'due') && (
                <FormulaNote
                  testId={TID.metricFormula(key)}
                  formula={t(`metrics.formula.${key}` as MessageKey)}
                  counts={
                    parts && figures
                      ? t('metrics.counts', { numerator: figures[parts[0]], denominator: figures[parts[1]] })
                      : undefined
                  }
                />
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
