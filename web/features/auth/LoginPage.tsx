// The login page: username or phone plus password; shows the server's message on failure.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useLanguage, useT } from '../../app/i18n';
import { useMeQuery } from '../../app/session';
import { TID } from '../../app/testids';
import { errorMessage } from '../../lib/api';
import { useLogin } from './api';

type Values = { login: string; password: string };

/** Only same-site paths are followed after login, so ?next= cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMeQuery();
  const login = useLogin();
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (values: Values) => {
    login.mutate(
      { login: values.login.trim(), password: values.password },
      { onSuccess: () => navigate(next, { replace: true }) },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #fdf2f2 0%, #eef3fa 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }} styles={{ body: { padding: 24 } }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
          <div className="jy-brand">
            <span className="jy-brand-mark">家</span>
            <span>{t('app.title')}</span>
          </div>
          <Button
            type="text"
            size="small"
            icon={<TranslationOutlined />}
            data-testid={TID.langSwitch}
            onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
          >
            {language === 'en' ? '中文' : 'EN'}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            message={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
            data-testid={TID.loginError}
          />
        )}
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="login"
            label={t('login.login')}
            rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-testid={TID.loginUsername}
              placeholder={t('login.loginPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid={TID.loginPassword} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid={TID.loginSubmit}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ margin: '16px 0 0', textAlign: 'center' }}>
          <Link to="/m/signup">{t('login.residentSignup')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
