// Open311 API keys for district administrators: the list, issuing a key (shown once), revoking with confirmation.
import { useState } from 'react';
import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ApiKey } from '../../../contracts/open311';
import { useLanguage, useT } from '../../app/i18n';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useApiKeys, useRevokeApiKey } from './api';
import { CreateKeyModal } from './CreateKeyModal';

export function ApiKeysPage() {
  const t = useT();
  const [language] = useLanguage();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('open311.title')}
        subtitle={t('open311.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="open311-key-create"
          >
            {t('open311.create')}
          </Button>
        }
      />
      <Card size="small">
        <Typography.Paragraph type="secondary">
          {t('open311.endpointHint')} <Typography.Text code>/open311/v2/discovery.json</Typography.Text>
        </Typography.Paragraph>
        <ErrorAlert error={keys.error ?? revoke.error} onRetry={() => void keys.refetch()} />
        <Table<ApiKey>
          rowKey="id"
          size="small"
          loading={keys.isPending}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyText description={t('open311.empty')} /> }}
          data-testid="open311-keys-table"
          columns={[
            { title: t('open311.name'), dataIndex: 'name' },
            {
              title: t('open311.prefix'),
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            { title: t('open311.createdBy'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
            {
              title: t('open311.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v, language),
            },
            {
              title: t('open311.lastUsedAt'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatDateTime(v, language) : t('open311.neverUsed')),
            },
            {
              title: t('open311.status'),
              dataIndex: 'revokedAt',
              render: (v: string | null) =>
                v ? (
                  <Tag>
                    {t('open311.revokedAt')} {formatDateTime(v, language)}
                  </Tag>
                ) : (
                  <Tag color="green">{t('open311.active')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, k: ApiKey) =>
                k.revokedAt ? null : (
                  <Popconfirm
                    title={t('open311.revokeConfirm')}
                    description={t('open311.revokeHint')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke.mutateAsync(k.id)}
                  >
                    <Button danger size="small" data-testid="open311-key-revoke">
                      {t('open311.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
