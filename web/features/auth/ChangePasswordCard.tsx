// The change-password form (current, new, repeat new).
import { Button, Card, Form, Input } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useChangePassword } from './api';

type Values = { currentPassword: string; newPassword: string; repeat: string };

export function ChangePasswordCard() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const feedback = useFeedback();

  const onFinish = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          feedback.ok(t('account.passwordChanged'));
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) feedback.fail(error);
        },
      },
    );
  };

  return (
    <Card title={t('account.changePassword')} size="small">
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid={TID.passwordForm} autoComplete="off">
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 10, message: t('account.passwordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('account.repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid={TID.passwordSubmit}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
