// The modal to create or edit an organisation: kind, name, territory node, contact, retired.
import { useEffect } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import type { Organisation } from '../../lib/types';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { useCreateOrganisation, useUpdateOrganisation } from './api';

type Values = {
  kind: OrganisationKind;
  name: string;
  node?: NodeOption;
  contactName?: string;
  contactPhone?: string;
  retired?: boolean;
};
type Props = { org: Organisation | null; onClose: () => void };

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export function OrganisationModal({ org, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const feedback = useFeedback();

  useEffect(() => {
    if (org)
      form.setFieldsValue({
        kind: org.kind,
        name: org.name,
        contactName: org.contactName ?? '',
        retired: org.retiredAt !== null,
      });
    else form.setFieldsValue({ kind: 'department' });
  }, [org, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const handlers = {
      onSuccess: () => {
        feedback.ok(t('common.saved'));
        onClose();
      },
      onError: (error: unknown) => {
        if (!applyServerErrors(form, error, { nodeId: 'node' })) feedback.fail(error);
      },
    };
    const contactName = v.contactName?.trim() ?? '';
    const contactPhone = v.contactPhone?.trim() ?? '';
    if (org) {
      update.mutate(
        {
          id: org.id,
          body: {
            name: v.name,
            contactName: contactName || null,
            // A blank phone keeps the stored one (the list only shows it masked).
            ...(contactPhone ? { contactPhone } : {}),
            retired: v.retired ?? false,
          },
        },
        handlers,
      );
    } else if (v.node) {
      create.mutate(
        {
          kind: v.kind,
          name: v.name,
          nodeId: v.node.value,
          ...(contactName ? { contactName } : {}),
          ...(contactPhone ? { contactPhone } : {}),
        },
        handlers,
      );
    }
  };

  return (
    <Modal
      open
      title={org ? t('org.editTitle', { name: org.name }) : t('org.createTitle')}
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={org !== null}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {org ? (
          <Form.Item label={t('org.node')}>
            <Input value={org.nodeName} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="node"
            label={t('org.node')}
            extra={t('org.nodeHint')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <NodePicker />
          </Form.Item>
        )}
        <Form.Item name="contactName" label={t('org.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('org.contactPhone')}
          extra={org?.contactPhoneMasked ? t('org.phoneKeep', { phone: org.contactPhoneMasked }) : undefined}
          rules={[{ pattern: PHONE, message: t('org.phoneInvalid') }]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        {org && (
          <Form.Item name="retired" label={t('org.retired')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
