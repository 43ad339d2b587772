// The audit log: filters, a paged table, and rows that expand to the before/after diff.
import { useState } from 'react';
import { Card, Table, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import type { Query } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import type { AuditEntry } from '../../lib/types';
import { AuditFilters } from './AuditFilters';
import { JsonDiff } from './JsonDiff';
import { actionLabel, kindLabel } from './labels';

export function AuditPage() {
  const t = useT();
  const [language] = useLanguage();
  const [query, setQuery] = useState<Query>({});
  const list = useCursorList<AuditEntry>(['audit'], '/api/audit', { ...query, limit: 50 });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card size="small">
        <AuditFilters onChange={setQuery} />
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <Table<AuditEntry>
          data-testid={TID.auditTable}
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyText /> }}
          expandable={{
            expandedRowRender: (row) => <JsonDiff before={row.before} after={row.after} />,
            rowExpandable: (row) => row.before !== null || row.after !== null,
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, language) },
            {
              title: t('audit.actor'),
              key: 'actor',
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {row.actorId === null ? t('audit.system') : (row.actorName ?? `#${row.actorId}`)}
                </span>
              ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <span title={v} style={{ whiteSpace: 'nowrap' }}>
                  {actionLabel(t, v)}
                </span>
              ),
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              render: (_, row) => `${kindLabel(t, row.entityKind)} #${row.entityId}`,
            },
            { title: t('audit.nodeId'), dataIndex: 'nodeId', width: 90, render: (v: number | null) => v ?? '—' },
            {
              title: t('audit.requestId'),
              dataIndex: 'requestId',
              render: (v: string | null) =>
                v ? (
                  <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        <LoadMore
          hasMore={list.hasMore}
          loading={list.isLoadingMore}
          onLoadMore={list.loadMore}
          count={list.items.length}
        />
      </Card>
    </>
  );
}
