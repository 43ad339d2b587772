// How a figure is computed, under the figure: its counts (numerator / denominator) and its formula, as small text.
import { Typography } from 'antd';
import { useT } from '../app/i18n';

/** The formula line of a rate or score card; `counts` is the numerator and denominator the value was divided from. */
export function FormulaNote({ formula, counts, testId }: { formula: string; counts?: string; testId?: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      {counts && <Typography.Text type="secondary">{counts}</Typography.Text>}
      <Typography.Paragraph style={{ marginTop: counts ? 8 : 0, marginBottom: 0, fontSize: 12 }}>
        {t('common.formula')}：{formula}
      </Typography.Paragraph>
    </div>
  );
}
