// Residents book community rooms on the phone (/m/rooms): pick a room, a day on the calendar, book; and their bookings.
import { useState } from 'react';
import { Button, Card, Empty, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { useCancelBooking, useMyBookings, useSpaces, type BookingData } from './api';
import { MoveBookingModal } from './MoveBooking';
import { BookingForm } from './BookingForm';
import { MonthCalendar } from './MonthCalendar';
import { Schedule } from './Schedule';
import { cnDate, cnTime, cnToday } from './time';

export function PortalRoomsPage() {
  const t = useT();
  const spaces = useSpaces();
  const [picked, setPicked] = useState<number | null>(null);
  const [date, setDate] = useState(cnToday);
  const list = (spaces.data?.items ?? []).filter((s) => s.canBook);
  const space = list.find((s) => s.id === picked) ?? list[0];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rooms.portal.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('rooms.portal.intro')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={spaces.error} onRetry={() => void spaces.refetch()} />
      <Select
        style={{ width: '100%' }}
        size="large"
        value={space?.id}
        onChange={setPicked}
        loading={spaces.isPending}
        data-testid="room-space-select"
        aria-label={t('rooms.space')}
        options={list.map((s) => ({ value: s.id, label: `${s.name}（${s.opens}–${s.closes}）` }))}
      />
      {space && (
        <>
          <Card size="small">
            <MonthCalendar compact spaceId={space.id} date={date} onSelect={setDate} />
          </Card>
          <Card size="small" title={t('rooms.dayOf', { date })}>
            <Schedule space={space} date={date} days={1} />
          </Card>
          <Card size="small" title={t('rooms.book')}>
            <BookingForm key={`${space.id}-${date}`} space={space} date={date} />
          </Card>
        </>
      )}
      <MyBookings />
    </Space>
  );
}

function MyBookings() {
  const t = useT();
  const feedback = useFeedback();
  const mine = useMyBookings();
  const cancel = useCancelBooking();
  const [moving, setMoving] = useState<BookingData | null>(null);
  const items = mine.data?.items ?? [];
  const live = (b: BookingData) => b.status === 'pending' || b.status === 'confirmed';
  return (
    <Card size="small" title={t('rooms.mine')} data-testid="room-mine">
      <List
        dataSource={items}
        locale={{ emptyText: <Empty description={t('rooms.mineEmpty')} /> }}
        renderItem={(b) => (
          <List.Item
            data-testid="room-mine-item"
            actions={
              live(b)
                ? [
                    <Button key="move" size="small" onClick={() => setMoving(b)} data-testid="room-mine-move">
                      {t('rooms.move.title')}
                    </Button>,
                    <Popconfirm
                      key="cancel"
                      title={b.seriesId ? t('rooms.cancelSeriesAsk') : t('rooms.cancelAsk')}
                      okText={b.seriesId ? t('rooms.cancelFollowing') : t('rooms.cancel')}
                      cancelText={b.seriesId ? t('rooms.cancelThis') : t('common.cancel')}
                      onConfirm={() =>
                        cancel
                          .mutateAsync({ id: b.id, scope: b.seriesId ? 'following' : 'this' })
                          .then(() => feedback.ok(t('rooms.cancelled')), feedback.fail)
                      }
                      onCancel={() =>
                        b.seriesId &&
                        cancel
                          .mutateAsync({ id: b.id, scope: 'this' })
                          .then(() => feedback.ok(t('rooms.cancelled')), feedback.fail)
                      }
                    >
                      <Button size="small" danger>
                        {t('rooms.cancel')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {b.title}
                  {b.seriesId && <Tag>{t('rooms.series')}</Tag>}
                  {b.status === 'pending' && <Tag color="gold">{t('rooms.status.pending')}</Tag>}
                  {b.status === 'refused' && (
                    <Tag color="red" data-testid="room-mine-refused">
                      {t('rooms.status.refused')}
                    </Tag>
                  )}
                </Space>
              }
              description={
                <>
                  {`${b.spaceName} · ${b.partName} · ${cnDate(b.startsAt)} ${cnTime(b.startsAt)}–${cnTime(b.endsAt)}`}
                  {b.refusalReason && (
                    <Typography.Paragraph type="danger" style={{ margin: 0 }} data-testid="room-mine-reason">
                      {t('rooms.refusalReason', { reason: b.refusalReason })}
                    </Typography.Paragraph>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      <MoveBookingModal booking={moving} onClose={() => setMoving(null)} />
    </Card>
  );
}
