// A space's day or week: its bookings per part, from the bookings of the range (titles only where the server shows them).
import { Empty, Table, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { useSpaceBookings, type BookingData, type SpaceData } from './api';
import { addDays, cnDate, cnTime, instant } from './time';

export function Schedule({ space, date, days }: { space: SpaceData; date: string; days: 1 | 7 }) {
  const t = useT();
  const from = instant(date, '00:00');
  const to = instant(addDays(date, days), '00:00');
  const list = useSpaceBookings(space.id, from, to);
  const items = list.data?.items ?? [];
  const dates = Array.from({ length: days }, (_, i) => addDays(date, i));
  const chip = (b: BookingData) => (
    <Tag key={b.id} color={b.mine ? 'blue' : b.status === 'pending' ? 'gold' : 'default'} data-testid="room-slot">
      {cnTime(b.startsAt)}–{cnTime(b.endsAt)} {b.title ?? t('rooms.taken')}
      {b.status === 'pending' ? `（${t('rooms.status.pending')}）` : ''}
    </Tag>
  );
  return (
    <Table<{ date: string }>
      rowKey="date"
      size="small"
      loading={list.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={dates.map((d) => ({ date: d }))}
      locale={{ emptyText: <Empty /> }}
      data-testid="room-schedule"
      columns={[
        {
          title: t('rooms.date'),
          dataIndex: 'date',
          width: 110,
          render: (d: string) => <Typography.Text>{d}</Typography.Text>,
        },
        ...space.parts.map((p) => ({
          title: p.name,
          key: p.id,
          render: (_: unknown, row: { date: string }) => {
            const here = items.filter((b) => b.partId === p.id && cnDate(b.startsAt) === row.date);
            return here.length ? here.map(chip) : <Typography.Text type="secondary">{t('rooms.free')}</Typography.Text>;
          },
        })),
      ]}
    />
  );
}
