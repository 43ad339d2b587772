// My service applications on the phone, newest first, with their status.
import { List, Tag, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useApplications } from './api';
import { StatusTag } from './parts';

export function MyApplicationsPage() {
  const t = useT();
  const [language] = useLanguage();
  const list = useApplications({ mine: true });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('svc.myApplications')}
      </Typography.Title>
      <Link to="/m/services">{t('svc.hall')}</Link>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      {list.isLoading && <Spin />}
      <div className="jy-portal-card">
        <List
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('svc.noApplications') }}
          renderItem={(a) => (
            <List.Item>
              <Link to={`/m/applications/${a.id}`} data-testid={`svc-application-${a.id}`}>
                {a.itemName}
              </Link>
              <Space wrap>
                {a.onBehalf && (
                  <Tag color="blue" data-testid={`svc-on-behalf-${a.id}`}>
                    {t('svc.byStaff')}
                  </Tag>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(a.createdAt, language)}
                </Typography.Text>
                <StatusTag status={a.status} />
              </Space>
            </List.Item>
          )}
        />
      </div>
    </Space>
  );
}
