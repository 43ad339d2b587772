// Rooms and spaces for staff: pick a space, see its month on the calendar and its day or week per part, book (one-off
// or a series, alternatives offered on a conflict), and the utilisation of the spaces one manages.
import { useState } from 'react';
import { Button, Card, Col, Drawer, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../lib/useIsMobile';
import { useSpaces, useUtilisation, type UtilisationData } from './api';
import { BookingForm } from './BookingForm';
import { MonthCalendar } from './MonthCalendar';
import { Schedule } from './Schedule';
import { addDays, cnToday, instant } from './time';

export function RoomsPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const spaces = useSpaces();
  const [picked, setPicked] = useState<number | null>(null);
  const [date, setDate] = useState(cnToday);
  const [view, setView] = useState<'day' | 'week'>('week');
  const [booking, setBooking] = useState(false);
  const list = spaces.data?.items ?? [];
  const space = list.find((s) => s.id === picked) ?? list[0];
  const managesAny = list.some((s) => s.canManage);
  return (
    <>
      <PageHeader
        title={t('rooms.title')}
        subtitle={t('rooms.subtitle')}
        extra={
          <Space wrap>
            {managesAny && (
              <>
                <Link to="/rooms/spaces">{t('rooms.manage')}</Link>
                <Link to="/rooms/approvals">{t('rooms.approvals.title')}</Link>
                <Link to="/rooms/utilisation">{t('rooms.util.title')}</Link>
              </>
            )}
            {space?.canBook && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setBooking(true)}
                data-testid="room-book-open"
              >
                {t('rooms.book')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={spaces.error} onRetry={() => void spaces.refetch()} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            style={{ minWidth: 260 }}
            value={space?.id}
            onChange={setPicked}
            loading={spaces.isPending}
            data-testid="room-space-select"
            aria-label={t('rooms.space')}
            options={list.map((s) => ({ value: s.id, label: `${s.name} · ${s.nodeName}` }))}
          />
          {space && (
            <Typography.Text type="secondary">
              {t(`rooms.kind.${space.kind}`)} · {t('rooms.capacityN', { n: space.capacity })} · {space.opens}–
              {space.closes}
              {space.organisationName ? ` · ${space.organisationName}` : ''}
            </Typography.Text>
          )}
          {space?.needsApproval && <Tag color="gold">{t('rooms.needsApproval')}</Tag>}
        </Space>
      </Card>
      {space && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('rooms.month')}>
              <MonthCalendar spaceId={space.id} date={date} onSelect={setDate} />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card
              size="small"
              title={view === 'day' ? date : `${date} – ${addDays(date, 6)}`}
              extra={
                <Segmented
                  value={view}
                  onChange={(v) => setView(v as 'day' | 'week')}
                  options={[
                    { value: 'day', label: t('rooms.day') },
                    { value: 'week', label: t('rooms.week') },
                  ]}
                />
              }
            >
              <Schedule space={space} date={date} days={view === 'day' ? 1 : 7} />
            </Card>
          </Col>
        </Row>
      )}
      {managesAny && <UtilisationCard />}
      <Drawer
        open={booking && !!space}
        onClose={() => setBooking(false)}
        title={space ? `${t('rooms.book')} · ${space.name}` : ''}
        width={isMobile ? '100%' : 520}
        destroyOnHidden
      >
        {space && <BookingForm space={space} date={date} />}
      </Drawer>
    </>
  );
}

function UtilisationCard() {
  const t = useT();
  const today = cnToday();
  const from = instant(`${today.slice(0, 7)}-01`, '00:00');
  const to = instant(addDays(`${today.slice(0, 7)}-01`, 31).slice(0, 7) + '-01', '00:00');
  const report = useUtilisation(from, to);
  type Row = UtilisationData['rows'][number];
  return (
    <Card size="small" title={t('rooms.utilisation', { month: today.slice(0, 7) })} style={{ marginTop: 12 }}>
      <Table<Row>
        rowKey="partId"
        size="small"
        loading={report.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={report.data?.rows ?? []}
        data-testid="room-utilisation"
        columns={[
          { title: t('rooms.space'), dataIndex: 'spaceName' },
          { title: t('rooms.part'), dataIndex: 'partName' },
          { title: t('rooms.openHours'), dataIndex: 'openHours' },
          { title: t('rooms.bookedHours'), dataIndex: 'bookedHours' },
          { title: t('rooms.bookings'), dataIndex: 'bookings' },
          { title: t('rooms.rate'), dataIndex: 'utilisation', render: (u: number) => `${Math.round(u * 100)}%` },
        ]}
      />
    </Card>
  );
}
