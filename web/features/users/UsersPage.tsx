// The users page: search and role filter, a paged table of accounts with their roles, create and edit.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../../contracts/domain';
import { useLanguage, useT } from '../../app/i18n';
import { useCan } from '../../app/session';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import type { User } from '../../lib/types';
import { USERS_KEY, USERS_PATH } from './api';
import { UserCreateModal } from './UserCreateModal';
import { UserEditModal } from './UserEditModal';

export function UsersPage() {
  const t = useT();
  const [language] = useLanguage();
  const canWrite = useCan('users.write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const list = useCursorList<User>(USERS_KEY, USERS_PATH, { q: q.trim(), role, limit: 50 });

  const status = (user: User) => {
    if (user.disabled) return <Tag color="default">{t('users.statusDisabled')}</Tag>;
    if (user.lockedUntil && new Date(user.lockedUntil) > new Date())
      return <Tag color="orange">{t('users.statusLocked')}</Tag>;
    return <Tag color="green">{t('users.statusActive')}</Tag>;
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid={TID.userCreate}
            >
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={setQ}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid={TID.userSearch}
          />
          <Select<Role>
            allowClear
            placeholder={t('users.allRoles')}
            style={{ width: 160 }}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Space>
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <Table<User>
          data-testid={TID.userTable}
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: <EmptyText /> }}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            {
              title: t('users.bindings'),
              key: 'bindings',
              render: (_, user) => (
                <Space size={[4, 4]} wrap>
                  {user.bindings.map((b) => (
                    <Tag key={b.id} color="blue">
                      {t(`role.${b.role}`)}
                      {b.nodeName || b.organisationName ? ` · ${b.nodeName ?? b.organisationName}` : ''}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('users.status'), key: 'status', width: 90, render: (_, user) => status(user) },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v, language),
            },
            ...(canWrite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, user: User) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(user)}>
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
      {editing === 'new' && <UserCreateModal onClose={() => setEditing(null)} />}
      {editing && editing !== 'new' && <UserEditModal user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
