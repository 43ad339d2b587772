// The three hotline rates for an area and a period, each card with its formula and counts.
import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormulaNote } from '../../components/FormulaNote';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { useRates, type Rates } from './api';
import { RateSettingsPanel } from './Settings';

type RateKey = 'response' | 'resolution' | 'satisfaction';

export function RatesTab() {
  const t = useT();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const [area, setArea] = useState<NodeOption | null>(null);
  // The API takes [from, to) in whole days: the picked end day is included.
  const rates = useRates({
    nodeId: area?.value,
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].add(1, 'day').format('YYYY-MM-DD'),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('hotline.rates.period')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
        />
        <span>{t('hotline.rates.area')}</span>
        <NodePicker
          value={area}
          onChange={setArea}
          kinds={['district', 'street', 'community', 'grid']}
          style={{ width: 220 }}
        />
      </Space>
      <ErrorAlert error={rates.error} onRetry={() => void rates.refetch()} />
      {rates.data && (
        <>
          <Row gutter={[16, 16]}>
            {(['response', 'resolution', 'satisfaction'] as const).map((k) => (
              <Col key={k} xs={24} md={8}>
                <RateCard rate={rates.data[k]} k={k} />
              </Col>
            ))}
          </Row>
          {rates.data.excluded > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              message={t('hotline.rates.excluded', { count: rates.data.excluded })}
            />
          )}
          <RateSettingsPanel settings={rates.data.settings} />
        </>
      )}
    </>
  );
}

function RateCard({ rate, k }: { rate: Rates[RateKey]; k: RateKey }) {
  const t = useT();
  return (
    <Card data-testid={`hotline-rate-${k}`}>
      <Statistic
        title={rate.name}
        value={rate.value == null ? t('hotline.rates.none') : (rate.value * 100).toFixed(2)}
        suffix={rate.value == null ? undefined : '%'}
      />
      <FormulaNote
        formula={rate.formula}
        counts={t('hotline.rates.counts', {
          numerator: Number(rate.numerator.toFixed(2)),
          denominator: rate.denominator,
        })}
      />
    </Card>
  );
}
