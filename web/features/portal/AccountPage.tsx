// The resident's account: my household and its members (masked), my grid worker, changing the password, signing out.
import { useContext } from 'react';
import { Alert, App, Button, Form, Input, List, Spin, Tag, Typography } from 'antd';
import { HomeOutlined, LogoutOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { MeContext } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import { useChangePassword, useLogout } from '../auth/api';
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

type PasswordForm = { currentPassword: string; newPassword: string; repeat: string };

function PasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const submit = (v: PasswordForm) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('account.passwordChanged'));
        },
      },
    );
  return (
    <div className="jy-portal-card">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('account.changePassword')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password size="large" autoComplete="current-password" data-testid={PTID.pwCurrent} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, min: 10, message: t('account.passwordTooShort') }]}
        >
          <Input.Password size="large" autoComplete="new-password" data-testid={PTID.pwNew} />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('account.repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.passwordMismatch') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password size="large" autoComplete="new-password" data-testid={PTID.pwRepeat} />
        </Form.Item>
        {change.isError && (
          <Alert type="error" showIcon message={errorMessage(change.error)} style={{ marginBottom: 12 }} />
        )}
        <Button
          type="primary"
          size="large"
          block
          htmlType="submit"
          loading={change.isPending}
          data-testid={PTID.pwSubmit}
        >
          {t('account.changePassword')}
        </Button>
      </Form>
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
