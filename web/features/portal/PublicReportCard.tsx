// One report as anyone may see it: category, plain status, grid, time, "me too" count; text shown as text, never HTML.
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import type { PublicReport } from './types';
import { STATUS_COLOUR } from './words';

type Props = { report: PublicReport; testId?: string; children?: ReactNode };

export function PublicReportCard({ report, testId, children }: Props) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <div className="jy-portal-item" data-testid={testId} data-id={report.id}>
      <div className="jy-portal-item-title">
        <span>{report.categoryName}</span>
        <Tag color={STATUS_COLOUR[report.status]}>{t(`portal.status.${report.status}`)}</Tag>
      </div>
      <Typography.Paragraph
        className="jy-portal-text"
        style={{ margin: '6px 0' }}
        type={report.description === null ? 'secondary' : undefined}
      >
        {report.description ?? t('portal.public.hiddenText')}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {report.gridName} · {formatDateTime(report.createdAt, language)}
        {report.supportCount > 0 && ` · ${t('portal.public.supportCount', { count: report.supportCount })}`}
      </Typography.Text>
      {children && <div style={{ marginTop: 10 }}>{children}</div>}
    </div>
  );
}
