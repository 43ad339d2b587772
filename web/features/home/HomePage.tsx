// The home page: a greeting, one card per role binding saying what it lets the user do, and quick links.
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { visibleEntries } from '../../app/layout/menuItems';
import { EmptyText } from '../../components/EmptyText';

export function HomePage() {
  const t = useT();
  const me = useMe();
  const links = visibleEntries(me).filter((entry) => entry.path !== '/');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        {me.bindings.length === 0 && (
          <Col xs={24}>
            <Card>
              <EmptyText description={t('home.noRoles')} />
            </Card>
          </Col>
        )}
        {me.bindings.map((binding) => (
          <Col xs={24} md={12} xl={8} key={binding.id}>
            <Card
              size="small"
              title={
                <Space wrap>
                  <Tag color="red">{t(`role.${binding.role}`)}</Tag>
                  <span>{binding.nodeName ?? binding.organisationName ?? ''}</span>
                </Space>
              }
              style={{ height: '100%' }}
            >
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`home.role.${binding.role}`)}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('home.quickLinks')}>
        <Row gutter={[12, 12]}>
          {links.map((entry) => (
            <Col xs={12} sm={8} lg={6} key={entry.path}>
              <Link to={entry.path}>
                <Card hoverable size="small" styles={{ body: { display: 'flex', alignItems: 'center', gap: 8 } }}>
                  <span style={{ fontSize: 18, color: '#1f5fa8' }}>{entry.icon}</span>
                  <span>{t(entry.label)}</span>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
