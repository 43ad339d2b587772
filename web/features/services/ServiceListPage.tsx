// The resident's service list (便民服务): search by Chinese or pinyin, items grouped by class.
import { useState } from 'react';
import { Input, List, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCatalogue } from './api';

export function ServiceListPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const cat = useCatalogue(q);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('svc.hall')}
      </Typography.Title>
      <Link to="/m/applications" data-testid="svc-my-applications">
        {t('svc.myApplications')}
      </Link>
      <Input.Search
        allowClear
        size="large"
        placeholder={t('svc.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="svc-search"
      />
      <ErrorAlert error={cat.error} onRetry={cat.refetch} />
      {cat.isLoading && <Spin />}
      {cat.data?.classes.length === 0 && <Typography.Text type="secondary">{t('svc.noItems')}</Typography.Text>}
      {cat.data?.classes.map((c) => (
        <div key={c.code} className="jy-portal-card">
          <Typography.Text strong>{c.name}</Typography.Text>
          <List
            size="small"
            dataSource={c.items}
            renderItem={(i) => (
              <List.Item>
                <Link to={`/m/services/${i.code}`} data-testid={`svc-item-${i.code}`}>
                  {i.name}
                </Link>
                {i.responseMinutes ? (
                  <Tag color="green">{t('svc.instant', { n: i.responseMinutes })}</Tag>
                ) : (
                  <Tag>{t('svc.days', { n: i.limitDays ?? 0 })}</Tag>
                )}
              </List.Item>
            )}
          />
        </div>
      ))}
    </Space>
  );
}
