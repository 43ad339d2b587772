// A month of a space's availability on antd's Calendar: closed days (holidays named), and how much of each open day is free.
import { Badge, Button, Calendar, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { useAvailability } from './api';

export function MonthCalendar({
  spaceId,
  date,
  onSelect,
  compact = false,
}: {
  /** On a phone: a coloured dot per day, the share in its tooltip. */
  compact?: boolean;
  spaceId: number;
  date: string;
  onSelect: (date: string) => void;
}) {
  const t = useT();
  const month = date.slice(0, 7);
  const availability = useAvailability(spaceId, month);
  const byDate = new Map((availability.data?.days ?? []).map((d) => [d.date, d]));
  const cell = (d: Dayjs) => {
    const a = byDate.get(d.format('YYYY-MM-DD'));
    if (!a) return null;
    const share = Math.round(a.freeShare * 100);
    const text = a.open
      ? t('rooms.freeShare', { n: share })
      : a.closedReason === 'holiday'
        ? t('rooms.holiday')
        : t('rooms.closed');
    const status = !a.open ? 'default' : share === 0 ? 'error' : share < 50 ? 'warning' : 'success';
    return compact ? (
      <span title={text}>
        <Badge status={status} />
      </span>
    ) : (
      <Badge status={status} text={text} />
    );
  };
  return (
    <div data-testid="room-calendar">
      <Calendar
        fullscreen={false}
        value={dayjs(date)}
        onSelect={(d) => onSelect(d.format('YYYY-MM-DD'))}
        // The month steps by named buttons: antd's default header is two unlabelled selects (year, month).
        headerRender={({ value, onChange }) => (
          <Space style={{ padding: '4px 8px' }}>
            <Button
              size="small"
              icon={<LeftOutlined />}
              aria-label={t('rooms.prevMonth')}
              onClick={() => onChange(value.subtract(1, 'month'))}
            />
            <Typography.Text strong>{t('rooms.monthTitle', { y: value.year(), m: value.month() + 1 })}</Typography.Text>
            <Button
              size="small"
              icon={<RightOutlined />}
              aria-label={t('rooms.nextMonth')}
              onClick={() => onChange(value.add(1, 'month'))}
            />
          </Space>
        )}
        cellRender={(d, info) =>
          info.type === 'date' ? <div style={{ fontSize: 11, lineHeight: 1.2 }}>{cell(d)}</div> : info.originNode
        }
      />
    </div>
  );
}
