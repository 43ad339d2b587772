// The bell in the header: the unread count (polled every 30 s), opening the notification centre.
import { useNavigate } from 'react-router-dom';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { useUnreadCount } from './api';

export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Button
      type="text"
      onClick={() => navigate('/notifications')}
      aria-label={t('notif.bell', { count })}
      title={t('notif.title')}
      data-testid={TID.notificationBell}
    >
      <Badge count={count} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
      <span data-testid={TID.notificationCount} data-count={count} hidden>
        {count}
      </span>
    </Button>
  );
}
