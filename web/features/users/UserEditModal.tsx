// The modal to edit a user: display name, phone, disabled, password reset and role bindings.
import { useEffect } from 'react';
import { Form, Input, Modal, Switch } from 'antd';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import type { User } from '../../lib/types';
import { useUpdateUser } from './api';
import { BindingsEditor } from './BindingsEditor';
import { toBindingInputs, toFormBindings, type BindingValue } from './bindings';

type Values = {
  displayName: string;
  phone?: string;
  disabled: boolean;
  resetPassword?: string;
  bindings: BindingValue[];
};

export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();
  const feedback = useFeedback();

  useEffect(() => {
    form.setFieldsValue({
      displayName: user.displayName,
      disabled: user.disabled,
      bindings: toFormBindings(user.bindings),
    });
  }, [user, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const phone = v.phone?.trim();
    update.mutate(
      {
        id: user.id,
        body: {
          displayName: v.displayName.trim(),
          disabled: v.disabled,
          bindings: toBindingInputs(v.bindings),
          // A blank phone keeps the stored one (the list only shows it masked).
          ...(phone ? { phone } : {}),
          ...(v.resetPassword ? { resetPassword: v.resetPassword } : {}),
        },
      },
      {
        onSuccess: () => {
          feedback.ok(t('common.saved'));
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
      title={t('users.editTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" autoComplete="off">
        <Form.Item label={t('users.username')}>
          <Input value={user.username} disabled />
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
          extra={user.phoneMasked ? t('users.phoneKeep', { phone: user.phoneMasked }) : undefined}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneInvalid') }]}
        >
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="resetPassword"
          label={t('users.resetPassword')}
          extra={t('users.resetPasswordHint')}
          rules={[{ min: 10, message: t('account.passwordTooShort') }]}
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
