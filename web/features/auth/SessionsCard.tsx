// The list of my signed-in sessions, each revocable after a confirmation.
import { Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyText } from '../../components/EmptyText';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/useFeedback';
import type { SessionInfo } from '../../lib/types';
import { useLogout, useRevokeSession, useSessions } from './api';

export function SessionsCard() {
  const t = useT();
  const [language] = useLanguage();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const logout = useLogout();
  const feedback = useFeedback();

  const onRevoke = (session: SessionInfo) =>
    revoke.mutate(session.id, {
      onSuccess: () => {
        feedback.ok(t('account.sessionRevoked'));
        if (session.current) logout.mutate();
      },
      onError: feedback.fail,
    });

  return (
    <Card title={t('account.sessions')} size="small">
      <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      <Table<SessionInfo>
        data-testid={TID.sessionTable}
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={sessions.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <EmptyText /> }}
        columns={[
          {
            title: t('account.device'),
            dataIndex: 'userAgent',
            render: (ua: string | null, row) => (
              <span title={ua ?? undefined}>
                {describeUserAgent(ua)}
                {row.current && (
                  <Tag color="green" style={{ marginLeft: 6 }}>
                    {t('account.currentSession')}
                  </Tag>
                )}
              </span>
            ),
          },
          { title: t('account.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          {
            title: t('account.signedInAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v, language),
          },
          { title: t('account.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v, language) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Popconfirm
                title={row.current ? t('account.revokeCurrentConfirm') : t('account.revokeConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => onRevoke(row)}
              >
                <Button size="small" danger loading={revoke.isPending && revoke.variables === row.id}>
                  {t('account.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
