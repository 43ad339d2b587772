// The "加载更多" button under a cursor-paginated list (or a quiet "no more" once at the end).
import { Button, Typography } from 'antd';
import { useT } from '../app/i18n';
import { TID } from '../app/testids';

type Props = { hasMore: boolean; loading: boolean; onLoadMore: () => void; count: number };

export function LoadMore({ hasMore, loading, onLoadMore, count }: Props) {
  const t = useT();
  if (count === 0) return null;
  return (
    <div style={{ textAlign: 'center', padding: '12px 0' }}>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid={TID.loadMore}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('common.noMore', { count })}</Typography.Text>
      )}
    </div>
  );
}
