// Resident sign-up on a phone: phone number, a one-time code (with a resend countdown), a name and a password.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { errorMessage } from '../../lib/api';
import { useRequestCode, useSignup } from './api';
import { PTID } from './testids';

type Values = { phone: string; code: string; displayName?: string; password: string };
const PHONE = /^1\d{10}$/;

export function SignupPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const requestCode = useRequestCode();
  const signup = useSignup();
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const id = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(id);
  }, [wait]);

  const sendCode = async () => {
    const { phone } = await form.validateFields(['phone']);
    requestCode.mutate(phone.trim(), { onSuccess: (r) => setWait(r.resendAfterSec) });
  };

  const onFinish = (v: Values) =>
    signup.mutate(
      {
        phone: v.phone.trim(),
        code: v.code.trim(),
        password: v.password,
        displayName: v.displayName?.trim() || undefined,
      },
      { onSuccess: () => navigate('/m', { replace: true }) },
    );

  const error = signup.error ?? requestCode.error;
  return (
    <div className="jy-portal-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('portal.signup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.signup.intro')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(error)}
          style={{ marginBottom: 12 }}
          data-testid={PTID.signupError}
        />
      )}
      {requestCode.isSuccess && !signup.isError && (
        <Alert type="success" showIcon message={t('portal.signup.codeSent')} style={{ marginBottom: 12 }} />
      )}
      <Form<Values> form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="phone"
          label={t('portal.signup.phone')}
          rules={[{ required: true, pattern: PHONE, message: t('portal.signup.phoneInvalid') }]}
        >
          <Input inputMode="numeric" autoComplete="tel" maxLength={11} data-testid={PTID.signupPhone} />
        </Form.Item>
        {/* The label names the code box inside (id "code", from its name), not the row that holds it. */}
        <Form.Item label={t('portal.signup.code')} required htmlFor="code">
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item
              name="code"
              noStyle
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('portal.signup.codeInvalid') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid={PTID.signupCode} />
            </Form.Item>
            <Button
              onClick={() => void sendCode()}
              disabled={wait > 0}
              loading={requestCode.isPending}
              data-testid={PTID.signupSendCode}
            >
              {wait > 0 ? t('portal.signup.resendIn', { seconds: wait }) : t('portal.signup.sendCode')}
            </Button>
          </div>
        </Form.Item>
        <Form.Item name="displayName" label={t('portal.signup.name')} rules={[{ max: 30 }]}>
          <Input
            autoComplete="nickname"
            data-testid={PTID.signupName}
            placeholder={t('portal.signup.namePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('portal.signup.password')}
          rules={[{ required: true, min: 8, message: t('portal.signup.passwordInvalid') }]}
        >
          <Input.Password autoComplete="new-password" data-testid={PTID.signupPassword} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signup.isPending} data-testid={PTID.signupSubmit}>
          {t('portal.signup.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login?next=/m">{t('portal.signup.haveAccount')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
