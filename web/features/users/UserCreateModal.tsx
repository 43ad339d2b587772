// The modal to create a user: username, display name, phone, initial password and role bindings.
import { Form, Input, Modal } from 'antd';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useCreateUser } from './api';
import { BindingsEditor } from './BindingsEditor';
import { toBindingInputs, type BindingValue } from './bindings';

type Values = { username: string; displayName: string; phone?: string; password: string; bindings: BindingValue[] };

export function UserCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const feedback = useFeedback();

  const onOk = async () => {
    const v = await form.validateFields();
    const phone = v.phone?.trim();
    create.mutate(
      {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        bindings: toBindingInputs(v.bindings),
        ...(phone ? { phone } : {}),
      },
      {
        onSuccess: () => {
          feedback.ok(t('common.created'));
          onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) feedback.fail(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ bindings: [{}] }} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.usernameInvalid') }]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('common.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneInvalid') }]}
        >
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={t('users.initialPasswordHint')}
          rules={[{ required: true, min: 10, message: t('account.passwordTooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('users.bindings')} required>
          <BindingsEditor />
        </Form.Item>
      </Form>
    </Modal>
  );
}
