// Utilisation for staff (/rooms/utilisation): per managed space and part over a period (at most 92 days), booked hours
// of confirmed bookings against the hours the space is open on the business calendar.
import { useState } from 'react';
import { Card, Empty, Form, Input, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useUtilisation, type UtilisationData } from './api';
import { addDays, cnToday, instant } from './time';

type Row = UtilisationData['rows'][number];

export function UtilisationPage() {
  const t = useT();
  const today = cnToday();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(addDays(`${addDays(`${today.slice(0, 7)}-01`, 31).slice(0, 7)}-01`, -1));
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const valid = span >= 1 && span <= 92;
  const report = useUtilisation(instant(from, '00:00'), instant(addDays(to, 1), '00:00'), valid);
  const rows = report.data?.rows ?? [];
  const spaceCount = new Set(rows.map((r) => r.spaceId)).size;
  return (
    <>
      <PageHeader
        title={t('rooms.util.title')}
        subtitle={t('rooms.util.subtitle')}
        extra={<Link to="/rooms/spaces">{t('rooms.spaces.title')}</Link>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline">
          <Form.Item label={t('rooms.util.from')}>
            <Input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-label={t('rooms.util.from')}
              data-testid="util-from"
            />
          </Form.Item>
          <Form.Item
            label={t('rooms.util.to')}
            validateStatus={valid ? undefined : 'error'}
            help={valid ? undefined : t('rooms.util.range')}
          >
            <Input
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-label={t('rooms.util.to')}
              data-testid="util-to"
            />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('rooms.util.note', { spaces: spaceCount })}</Typography.Text>
      </Card>
      <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      <Table<Row>
        rowKey="partId"
        size="small"
        loading={valid && report.isPending}
        dataSource={valid ? rows : []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('rooms.util.empty')} /> }}
        data-testid="util-table"
        columns={[
          { title: t('rooms.space'), dataIndex: 'spaceName' },
          { title: t('rooms.part'), dataIndex: 'partName' },
          { title: t('rooms.openHours'), dataIndex: 'openHours' },
          { title: t('rooms.bookedHours'), dataIndex: 'bookedHours' },
          { title: t('rooms.bookings'), dataIndex: 'bookings' },
          {
            title: t('rooms.rate'),
            dataIndex: 'utilisation',
            sorter: (a, b) => a.utilisation - b.utilisation,
            render: (u: number) => `${Math.round(u * 100)}%`,
          },
        ]}
      />
    </>
  );
}
