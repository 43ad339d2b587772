// The change-password form (current, new, repeat new), one for staff and residents; the caller picks its size and ids.
import { Button, Form, Input } from 'antd';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useChangePassword } from './api';

type Values = { currentPassword: string; newPassword: string; repeat: string };

/** Test ids of the form's parts; the staff page and the portal keep their own. */
export type PasswordFormIds = { form?: string; current?: string; next?: string; repeat?: string; submit: string };

/** Changes the signed-in account's password; `large` gives the phone-sized fields and a full-width button. */
export function PasswordForm({ ids, large = false }: { ids: PasswordFormIds; large?: boolean }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const feedback = useFeedback();
  const size = large ? 'large' : undefined;

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
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      data-testid={ids.form}
      autoComplete="off"
      requiredMark={!large}
    >
      <Form.Item
        name="currentPassword"
        label={t('account.currentPassword')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password size={size} autoComplete="current-password" data-testid={ids.current} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.newPassword')}
        rules={[
          { required: true, message: t('common.required') },
          { min: 10, message: t('account.passwordTooShort') },
        ]}
      >
        <Input.Password size={size} autoComplete="new-password" data-testid={ids.next} />
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
        <Input.Password size={size} autoComplete="new-password" data-testid={ids.repeat} />
      </Form.Item>
      <Button
        type="primary"
        size={size}
        block={large}
        htmlType="submit"
        loading={change.isPending}
        data-testid={ids.submit}
      >
        {t('account.changePassword')}
      </Button>
    </Form>
  );
}
