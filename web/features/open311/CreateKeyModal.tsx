// Issuing a key: a name first, then the plain key shown once with a copy button and a warning that it will not be shown again.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography, message } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateApiKey } from './api';

export function CreateKeyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateApiKey();
  const [plainKey, setPlainKey] = useState<string | null>(null);

  const close = () => {
    setPlainKey(null);
    form.resetFields();
    create.reset();
    onClose();
  };
  const copy = async () => {
    if (!plainKey) return;
    await navigator.clipboard.writeText(plainKey);
    void message.success(t('open311.copied'));
  };

  if (plainKey) {
    return (
      <Modal
        open={open}
        title={t('open311.createdTitle')}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close} data-testid="open311-key-done">
            {t('open311.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t('open311.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph code style={{ wordBreak: 'break-all' }} data-testid="open311-plain-key">
          {plainKey}
        </Typography.Paragraph>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="open311-copy">
          {t('open311.copy')}
        </Button>
      </Modal>
    );
  }
  return (
    <Modal
      open={open}
      title={t('open311.create')}
      onCancel={close}
      okText={t('open311.create')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v.name.trim(), { onSuccess: (r) => setPlainKey(r.plainKey) })}
      >
        <Form.Item
          name="name"
          label={t('open311.name')}
          extra={t('open311.nameHint')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} data-testid="open311-key-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
