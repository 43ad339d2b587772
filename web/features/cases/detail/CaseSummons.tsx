// 吹哨报到 on the case page: each summoned department or partner unit, its report-in deadline, and whether it has reported in.
import { Card, List, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { formatDateTime } from '../../../lib/format';
import type { CaseDetail } from '../../../lib/types';

export function CaseSummons({ summons }: { summons: CaseDetail['summons'] }) {
  const t = useT();
  const [language] = useLanguage();
  if (summons.length === 0) return null;
  return (
    <Card size="small" title={t('case.summons')} data-testid={TID.caseSummons}>
      <List
        size="small"
        dataSource={summons}
        renderItem={(s) => {
          const [color, label] = s.reportedInAt
            ? s.overdue
              ? (['orange', t('case.summons.late')] as const)
              : (['green', t('action.report_in')] as const)
            : s.overdue
              ? (['red', t('case.summons.overdue')] as const)
              : (['blue', t('case.summons.pending')] as const);
          return (
            <List.Item
              data-org={s.organisationId}
              data-reported={s.reportedInAt ? 'yes' : 'no'}
              style={{ flexWrap: 'wrap', gap: 4 }}
            >
              <span>
                <Typography.Text strong>{s.organisationName}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {s.reportedInAt
                    ? t('case.summons.reported', { time: formatDateTime(s.reportedInAt, language) })
                    : t('case.summons.due', { time: formatDateTime(s.reportInDueAt, language) })}
                </Typography.Text>
              </span>
              <Tag color={color}>{label}</Tag>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
