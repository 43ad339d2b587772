// "My account": who I am and my roles, change password, and my sessions.
import { Alert, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordCard } from './ChangePasswordCard';
import { SessionsCard } from './SessionsCard';

export function AccountPage() {
  const t = useT();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('account.title')} />
      {me.mustChangePassword && (
        <Alert type="warning" showIcon message={t('account.mustChange')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')} size="small">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('account.username'), children: me.username },
                { key: 'name', label: t('account.displayName'), children: me.displayName },
                { key: 'phone', label: t('account.phone'), children: me.phoneMasked ?? '—' },
                {
                  key: 'roles',
                  label: t('account.roles'),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {me.bindings.map((b) => (
                        <Tag key={b.id} color="blue">
                          {t(`role.${b.role}`)}
                          {b.nodeName || b.organisationName ? ` · ${b.nodeName ?? b.organisationName}` : ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24}>
          <SessionsCard />
        </Col>
      </Row>
    </>
  );
}
