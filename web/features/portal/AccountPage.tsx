// The resident's account: my household and its members (masked), my grid worker, changing the password, signing out.
import { useContext } from 'react';
import { Alert, Button, List, Spin, Tag, Typography } from 'antd';
import { HomeOutlined, LogoutOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { MeContext } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLogout } from '../auth/api';
import { PasswordForm } from '../auth/PasswordForm';
import { hasHousehold } from './access';
import { useMyHousehold } from './api';
import { HouseholdLinkCard } from './HouseholdLinkCard';
import { PTID } from './testids';

function HouseholdCards() {
  const t = useT();
  const q = useMyHousehold();
  if (q.isPending) return <Spin />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const { household, members, gridWorkers } = q.data;
  if (!household)
    return (
      <Alert
        type="info"
        showIcon
        message={t('portal.account.notLinked')}
        data-testid={PTID.accountNotLinked}
        style={{ marginBottom: 12 }}
      />
    );
  return (
    <>
      <div className="jy-portal-card" data-testid={PTID.accountHousehold}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          <HomeOutlined /> {t('portal.account.household')}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {household.communityName} {household.address}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          <TeamOutlined /> {t('portal.account.members')}
        </Typography.Text>
        {members.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
            {t('portal.account.noMembers')}
          </Typography.Paragraph>
        ) : (
          <List
            size="small"
            dataSource={members}
            renderItem={(m, i) => (
              <List.Item key={i} data-testid={PTID.accountMember} style={{ paddingInline: 0 }}>
                <span>
                  {m.nameMasked} {m.isMe && <Tag color="red">{t('portal.account.me')}</Tag>}
                </span>
                <Typography.Text type="secondary">{t(`portal.account.sex.${m.sex}`)}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </div>
      <div className="jy-portal-card" data-testid={PTID.accountGridWorker}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          <PhoneOutlined /> {t('portal.account.gridWorker')}
        </Typography.Title>
        {gridWorkers.length === 0 && (
          <Typography.Text type="secondary">{t('portal.account.noGridWorker')}</Typography.Text>
        )}
        {gridWorkers.map((w, i) => (
          <div key={i} className="jy-portal-item-title">
            <span>{w.name}</span>
            <Typography.Text type="secondary">{w.phoneMasked ?? t('portal.account.noPhone')}</Typography.Text>
          </div>
        ))}
      </div>
    </>
  );
}

function PasswordCard() {
  const t = useT();
  return (
    <div className="jy-portal-card">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('account.changePassword')}
      </Typography.Title>
      <PasswordForm
        large
        ids={{ current: PTID.pwCurrent, next: PTID.pwNew, repeat: PTID.pwRepeat, submit: PTID.pwSubmit }}
      />
    </div>
  );
}

export function AccountPage() {
  const t = useT();
  const me = useContext(MeContext);
  const logout = useLogout();
  return (
    <div data-testid={PTID.account}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {me?.displayName}
        </Typography.Title>
        {me?.phoneMasked && <Typography.Text type="secondary">{me.phoneMasked}</Typography.Text>}
      </div>
      <HouseholdCards />
      {/* Only those without a confirmed household are asked to link one. */}
      {me && !hasHousehold(me) && <HouseholdLinkCard />}
      <PasswordCard />
      <Button
        size="large"
        block
        danger
        icon={<LogoutOutlined />}
        loading={logout.isPending}
        onClick={() => logout.mutate()}
        data-testid={PTID.accountLogout}
      >
        {t('portal.account.logout')}
      </Button>
    </div>
  );
}
