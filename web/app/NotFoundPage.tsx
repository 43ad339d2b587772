// The page for an unknown address inside the app.
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from './i18n';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
