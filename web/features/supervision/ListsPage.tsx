// The public red/black list of property companies (/m/lists): names, periods and reasons only.
import { Space, Spin, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePublicList } from './api';

export function ListsPage() {
  const t = useT();
  const q = usePublicList();
  const lists = (['red', 'black'] as const).map((l) => ({ l, items: q.data?.items.filter((x) => x.list === l) ?? [] }));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('sup.lists')}
      </Typography.Title>
      <ErrorAlert error={q.error} onRetry={q.refetch} />
      {q.isLoading && <Spin />}
      {q.data &&
        lists.map(({ l, items }) => (
          <div key={l} className="jy-portal-card" data-testid={`list-${l}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              <Tag color={l === 'red' ? 'red' : 'default'}>{t(l === 'red' ? 'sup.red' : 'sup.black')}</Tag>
            </Typography.Title>
            {items.length === 0 && <Typography.Text type="secondary">{t('sup.emptyList')}</Typography.Text>}
            {items.map((x, i) => (
              <div key={i} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{x.companyName}</Typography.Text>
                <Typography.Text type="secondary"> · {x.period}</Typography.Text>
                <div>
                  <Typography.Text>{x.reason}</Typography.Text>
                </div>
              </div>
            ))}
          </div>
        ))}
    </Space>
  );
}
