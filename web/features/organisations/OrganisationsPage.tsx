// The organisations page: filter by kind, search, include retired; a paged table; create and edit.
import { useState } from 'react';
import { Button, Card, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { useCan } from '../../app/session';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCursorList } from '../../lib/useCursorList';
import type { Organisation } from '../../lib/types';
import { ORGANISATIONS_KEY, ORGANISATIONS_PATH } from './api';
import { OrganisationModal } from './OrganisationModal';

export function OrganisationsPage() {
  const t = useT();
  const canWrite = useCan('organisations.write');
  const [kind, setKind] = useState<OrganisationKind | undefined>();
  const [q, setQ] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const list = useCursorList<Organisation>(ORGANISATIONS_KEY, ORGANISATIONS_PATH, {
    kind,
    q: q.trim(),
    includeRetired: includeRetired || undefined,
    limit: 50,
  });

  return (
    <>
      <PageHeader
        title={t('org.title')}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid={TID.orgCreate}
            >
              {t('org.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<OrganisationKind>
            allowClear
            placeholder={t('org.allKinds')}
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('org.searchPlaceholder')}
            onSearch={setQ}
            style={{ width: 220 }}
            data-testid={TID.orgSearch}
          />
          <Checkbox checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)}>
            {t('org.showRetired')}
          </Checkbox>
        </Space>
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <Table<Organisation>
          data-testid={TID.orgTable}
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <EmptyText /> }}
          columns={[
            {
              title: t('org.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <>
                  {name}
                  {row.retiredAt && <Tag style={{ marginLeft: 6 }}>{t('common.retired')}</Tag>}
                </>
              ),
            },
            {
              title: t('org.kind'),
              dataIndex: 'kind',
              render: (k: OrganisationKind) => <Tag>{t(`orgKind.${k}`)}</Tag>,
            },
            { title: t('org.node'), dataIndex: 'nodeName' },
            { title: t('org.contactName'), dataIndex: 'contactName', render: (v: string | null) => v ?? '—' },
            { title: t('org.contactPhone'), dataIndex: 'contactPhoneMasked', render: (v: string | null) => v ?? '—' },
            ...(canWrite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, row: Organisation) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <LoadMore
          hasMore={list.hasMore}
          loading={list.isLoadingMore}
          onLoadMore={list.loadMore}
          count={list.items.length}
        />
      </Card>
      {editing && <OrganisationModal org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
