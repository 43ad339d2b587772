// The change-password card of the staff account page.
import { Card } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { PasswordForm } from './PasswordForm';

export function ChangePasswordCard() {
  const t = useT();
  return (
    <Card title={t('account.changePassword')} size="small">
      <PasswordForm ids={{ form: TID.passwordForm, submit: TID.passwordSubmit }} />
    </Card>
  );
}
