// The staff's application queue (community: first responsible; department: what was forwarded to it), with filters,
// due times and hall appointments (today's only, at a tick).
import { useState } from 'react';
import { Card, Checkbox, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { APPLICATION_STATUSES, type ApplicationSummary } from '../../../contracts/services';
import type { z } from 'zod';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../app/session';
import { mayApplyFor, mayMeasure } from './access';
import { useApplications } from './api';
import { StatusTag } from './parts';
import { hallStartText } from './SlotPicker';

/** Today's date in China time (the hall's), whatever the browser's zone. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function QueuePage() {
  const t = useT();
  const [language] = useLanguage();
  const me = useMe();
  const [status, setStatus] = useState<string | undefined>();
  const [today, setToday] = useState(false);
  const list = useApplications({ status, appointmentOn: today ? chinaToday() : undefined });
  return (
    <>
      <PageHeader
        title={t('svc.queue')}
        extra={
          <Space wrap>
            {mayApplyFor(me) && (
              <Link to="/services/apply" data-testid="svc-link-apply">
                {t('svc.applyFor')}
              </Link>
            )}
            {mayMeasure(me) && (
              <Link to="/services/figures" data-testid="svc-link-figures">
                {t('svc.figures')}
              </Link>
            )}
            <Link to="/services/catalogue" data-testid="svc-link-catalogue">
              {t('svc.catalogue')}
            </Link>
          </Space>
        }
      />
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('svc.filterStatus')}
            aria-label={t('svc.filterStatus')}
            style={{ width: 180 }}
            value={status}
            onChange={setStatus}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`svc.status.${s}`) }))}
            data-testid="svc-queue-status"
          />
          <Checkbox checked={today} onChange={(e) => setToday(e.target.checked)} data-testid="svc-queue-today">
            {t('svc.hall.todayOnly')}
          </Checkbox>
        </Space>
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <Table<z.infer<typeof ApplicationSummary>>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            {
              title: t('svc.col.number'),
              dataIndex: 'number',
              render: (n: string, a) => (
                <Link to={`/services/${a.id}`} data-testid={`svc-queue-${a.id}`}>
                  {n}
                </Link>
              ),
            },
            { title: t('svc.col.item'), dataIndex: 'itemName' },
            { title: t('svc.col.applicant'), dataIndex: 'applicantName' },
            {
              title: t('svc.col.channel'),
              dataIndex: 'channel',
              render: (c: string) => t(`svc.channel.${c}` as 'svc.channel.hall'),
            },
            { title: t('svc.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            {
              title: t('svc.col.appointment'),
              dataIndex: 'appointmentAt',
              sorter: (x, y) => (x.appointmentAt ?? '').localeCompare(y.appointmentAt ?? ''),
              render: (at: string | null, a) =>
                at ? <span data-testid={`svc-queue-appointment-${a.id}`}>{hallStartText(at, language)}</span> : '—',
            },
            {
              title: t('svc.col.due'),
              dataIndex: 'dueAt',
              render: (d: string | null, a) => (
                <Space>
                  {formatDateTime(d, language)}
                  {a.overdue && <Tag color="red">{t('svc.overdue')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
