// 我的一天: a worker's own day assembled from the visits, reports, case steps and notes they recorded; a record of
// work for their diary, never a clock-in, and nobody is ranked by it.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Input, Tag, Timeline, Typography } from 'antd';
import { useT, type MessageKey } from '../../app/i18n';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { chinaToday, useDiaryDay, type DiaryDay } from './api';

type Item = DiaryDay['items'][number];
const COLOR: Record<Item['kind'], string> = { visit: 'green', report: 'red', case_step: 'blue', note: 'gray' };
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

export function MyDayCard() {
  const t = useT();
  const [date, setDate] = useState(chinaToday());
  const day = useDiaryDay(date);
  const what = (i: Item) =>
    i.kind === 'case_step' && i.action
      ? `${t('myDay.case_step')} · ${t(`action.${i.action}` as MessageKey)}`
      : t(`myDay.${i.kind}` as MessageKey);
  const link = (i: Item) =>
    i.caseId ? (
      <Link to={`/cases/${i.caseId}`}>{i.title}</Link>
    ) : i.residentId ? (
      <Link to={`/people?resident=${i.residentId}`}>{i.title}</Link>
    ) : (
      i.title
    );
  return (
    <Card
      size="small"
      title={t('myDay.title')}
      extra={
        <Input
          type="date"
          value={date}
          max={chinaToday()}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          style={{ width: 150 }}
          aria-label={t('myDay.date')}
        />
      }
      style={{ marginBottom: 12 }}
      data-testid="my-day"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('myDay.hint')}
      </Typography.Paragraph>
      <ErrorAlert error={day.error} onRetry={() => void day.refetch()} />
      {day.data && day.data.items.length === 0 && <EmptyText description={t('myDay.empty')} />}
      <Timeline
        items={(day.data?.items ?? []).map((i, n) => ({
          key: n,
          color: COLOR[i.kind],
          children: (
            <div data-testid="my-day-item">
              <Typography.Text type="secondary">{time(i.at)}</Typography.Text> <Tag>{what(i)}</Tag> {link(i)}
              {i.detail && (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{i.detail}</Typography.Paragraph>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
