// One card of the home screen: what waits, how many, the first few with a link each, and one tap to the whole list.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, List, Typography } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

export type WorkItem = { key: string | number; to: string; title: string; note?: ReactNode };

type Props = {
  id: string;
  title: string;
  count: string;
  to: string;
  items: WorkItem[];
  empty: string;
  loading: boolean;
  error?: unknown;
  danger?: boolean;
};

const SHOWN = 3;

export function WorkCard({ id, title, count, to, items, empty, loading, error, danger }: Props) {
  const t = useT();
  return (
    <Card
      size="small"
      loading={loading}
      data-testid={`home-card-${id}`}
      title={
        <Link to={to} data-testid={`home-open-${id}`} style={{ color: 'inherit' }}>
          {title}
        </Link>
      }
      extra={
        // Named by its content, so the visible count is part of the name: "打开列表：我的待办 3".
        <Link to={to}>
          <span className="jy-visually-hidden">{t('home.openList', { title })} </span>
          <Typography.Text
            strong
            style={{ fontSize: 22, color: danger && items.length > 0 ? '#cf1322' : '#1f5fa8' }}
            data-testid={`home-count-${id}`}
          >
            {count}
          </Typography.Text>
          <RightOutlined style={{ marginLeft: 6, fontSize: 12 }} />
        </Link>
      }
      style={{ height: '100%' }}
    >
      {error ? (
        <ErrorAlert error={error} />
      ) : items.length === 0 ? (
        // One line, not a picture: on a phone the cards with work stay within a thumb's reach.
        <Typography.Text type="secondary" data-testid={`home-empty-${id}`}>
          <CheckCircleOutlined style={{ color: '#52c41a', marginRight: 6 }} />
          {empty}
        </Typography.Text>
      ) : (
        <List
          size="small"
          split={false}
          dataSource={items.slice(0, SHOWN)}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }} data-testid={`home-item-${id}`}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Link to={item.to}>
                  <Typography.Text ellipsis style={{ maxWidth: '100%', color: 'inherit' }}>
                    {item.title}
                  </Typography.Text>
                </Link>
                {item.note && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.note}
                    </Typography.Text>
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
