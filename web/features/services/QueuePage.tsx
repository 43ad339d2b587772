// The staff's application queue (community: first responsible; department: what was forwarded to it), with filters and due times.
import { useState } from 'react';
import { Card, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { APPLICATION_STATUSES, type ApplicationSummary } from '../../../contracts/services';
import type { z } from 'zod';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useApplications } from './api';
import { StatusTag } from './parts';

export function QueuePage() {
  const t = useT();
  const [language] = useLanguage();
  const [status, setStatus] = useState<string | undefined>();
  const list = useApplications({ status });
  return (
    <>
      <PageHeader title={t('svc.queue')} extra={<Link to="/services/catalogue">{t('svc.catalogue')}</Link>} />
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
