// My reports: newest first with their plain status, and the latest notices about them from the notification centre.
import { Button, Result, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { NotificationPage } from '../../lib/types';
import { useCursorList } from '../../lib/useCursorList';
import { NOTIFICATIONS_KEY, NOTIFICATIONS_PATH, notificationText } from '../notifications/api';
import { MINE_KEY, MINE_PATH } from './api';
import { PTID } from './testids';
import type { MyReportSummary } from './types';
import { STATUS_COLOUR } from './words';

function Notices() {
  const t = useT();
  const notices = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'portal'],
    queryFn: () => api.get<NotificationPage>(NOTIFICATIONS_PATH, { limit: 5 }),
  });
  const items = notices.data?.items ?? [];
  if (!items.length) return null;
  return (
    <div className="jy-portal-card">
      <Typography.Text strong>
        <BellOutlined /> {t('portal.mine.notices')}
      </Typography.Text>
      {items.map((n) => (
        <div key={n.id} style={{ padding: '6px 0', fontWeight: n.read ? 400 : 600 }}>
          {n.caseId ? <Link to={`/m/mine/${n.caseId}`}>{notificationText(n, t)}</Link> : notificationText(n, t)}
        </div>
      ))}
    </div>
  );
}

export function MyReportsPage() {
  const t = useT();
  const [language] = useLanguage();
  const list = useCursorList<MyReportSummary>(MINE_KEY, MINE_PATH, { limit: 20 });
  if (list.isLoading) return <Spin />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  return (
    <div data-testid={PTID.mineList}>
      <Notices />
      {list.items.length === 0 && (
        <Result
          status="info"
          title={t('portal.mine.empty')}
          extra={
            <Link to="/m/report">
              <Button type="primary" size="large">
                {t('portal.home.report')}
              </Button>
            </Link>
          }
        />
      )}
      {list.items.map((r) => (
        <Link
          key={r.id}
          to={`/m/mine/${r.id}`}
          className="jy-portal-item"
          data-testid={PTID.mineItem}
          data-id={r.id}
          data-relation={r.relation}
        >
          <div className="jy-portal-item-title">
            <span>{r.categoryName}</span>
            <span>
              {r.relation === 'supporter' && <Tag data-testid={PTID.supporterNote}>{t('portal.mine.supporter')}</Tag>}
              <Tag color={STATUS_COLOUR[r.status]}>{t(`portal.status.${r.status}`)}</Tag>
            </span>
          </div>
          <Typography.Paragraph className="jy-portal-text" ellipsis={{ rows: 2 }} style={{ margin: '6px 0' }}>
            {r.description ?? t('portal.mine.textHidden')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.number} · {formatDateTime(r.createdAt, language)}
          </Typography.Text>
        </Link>
      ))}
      <LoadMore
        hasMore={list.hasMore}
        loading={list.isLoadingMore}
        onLoadMore={list.loadMore}
        count={list.items.length}
      />
    </div>
  );
}
