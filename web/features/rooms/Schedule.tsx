// A space's day or week: its bookings per part, from the bookings of the range (titles only where the server shows them).
import { Empty, Space, Table, Tag, Typography } from 'antd';
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
  const chip = (b: BookingData, elsewhere: boolean) => (
    <Tag
      key={b.id}
      color={elsewhere ? undefined : b.mine ? 'blue' : b.status === 'pending' ? 'gold' : 'default'}
      style={elsewhere ? { opacity: 0.6, borderStyle: 'dashed' } : undefined}
      data-testid={elsewhere ? 'room-slot-blocked' : 'room-slot'}
    >
      {cnTime(b.startsAt)}–{cnTime(b.endsAt)} {elsewhere ? `${b.partName} ` : ''}
      {b.title ?? t('rooms.taken')}
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
          width: 220,
          render: (_: unknown, row: { date: string }) => {
            // A whole-room booking occupies every zone, and a zone's booking blocks the whole: show both, named.
            const here = items.filter((b) => {
              if (cnDate(b.startsAt) !== row.date) return false;
              if (b.partId === p.id) return true;
              const other = space.parts.find((x) => x.id === b.partId);
              return p.whole ? !other?.whole : !!other?.whole;
            });
            return here.length ? (
              <Space wrap size={4}>
                {here.map((b) => chip(b, b.partId !== p.id))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('rooms.free')}</Typography.Text>
            );
          },
        })),
      ]}
    />
  );
}
