// The notification centre (/notifications): newest first, unread ones bold; each opens its case and is marked read.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, List, Switch, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useLanguage, useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import { useFeedback } from '../../lib/useFeedback';
import type { Notification } from '../../lib/types';
import { NOTIFICATIONS_KEY, NOTIFICATIONS_PATH, notificationText, useMarkRead, useUnreadCount } from './api';

export function NotificationsPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useCursorList<Notification>([...NOTIFICATIONS_KEY, 'list'], NOTIFICATIONS_PATH, {
    unread: unreadOnly || undefined,
    limit: 30,
  });
  const unread = useUnreadCount();
  const mark = useMarkRead();

  const open = (n: Notification) => {
    if (!n.read) mark.mutate(n.id);
    if (n.caseId) navigate(`/cases/${n.caseId}`);
    // A number registered twice ("#new = #existing"): the worker opens the new record, then the one it repeats.
    const repeat = n.kind === 'resident_duplicate' ? /^#(\d+)/.exec(n.title) : null;
    if (repeat) navigate(`/people?resident=${repeat[1]}`);
  };

  return (
    <>
      <PageHeader
        title={t('notif.title')}
        extra={
          <>
            <span>
              <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('notif.unreadOnly')} />{' '}
              {t('notif.unreadOnly')}
            </span>
            <Button
              icon={<CheckOutlined />}
              disabled={!unread.data}
              loading={mark.isPending && mark.variables === null}
              onClick={() =>
                mark.mutate(null, { onSuccess: () => feedback.ok(t('notif.allRead')), onError: feedback.fail })
              }
              data-testid={TID.notificationReadAll}
            >
              {t('notif.markAllRead')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <List
          data-testid={TID.notificationList}
          loading={list.isLoading}
          dataSource={list.items}
          locale={{ emptyText: <EmptyText description={t('notif.empty')} /> }}
          renderItem={(n) => (
            <List.Item
              data-testid={TID.notificationItem}
              data-read={n.read}
              actions={
                n.read
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        onClick={() => mark.mutate(n.id)}
                        data-testid={TID.notificationMarkRead}
                      >
                        {t('notif.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Typography.Link
                    strong={!n.read}
                    onClick={(e) => {
                      e.preventDefault();
                      open(n);
                    }}
                    href={n.caseId ? `/cases/${n.caseId}` : undefined}
                  >
                    {!n.read && <span className="jy-unread-dot" aria-hidden />}
                    {notificationText(n, t)}
                  </Typography.Link>
                }
                description={formatDateTime(n.createdAt, language)}
              />
            </List.Item>
          )}
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
