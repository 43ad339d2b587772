// The modal to create a party organisation (kind by PARTY_CHILD_KINDS, attached territory node) or edit one.
import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { PARTY_CHILD_KINDS, PARTY_NODE_KIND, type PartyOrgKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import type { PartyOrg } from '../../lib/types';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { useCreatePartyOrg, useUpdatePartyOrg } from './api';

type Values = { kind: PartyOrgKind; name: string; node?: NodeOption; secretary?: string };
type Props =
  | { mode: 'create'; parent: PartyOrg | null; onClose: () => void; onSaved: (org: PartyOrg) => void }
  | { mode: 'edit'; org: PartyOrg; onClose: () => void; onSaved: (org: PartyOrg) => void };

export function PartyOrgModal(props: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreatePartyOrg();
  const update = useUpdatePartyOrg();
  const feedback = useFeedback();
  const kinds: readonly PartyOrgKind[] =
    props.mode === 'edit'
      ? [props.org.kind]
      : props.parent
        ? PARTY_CHILD_KINDS[props.parent.kind]
        : ['street_committee'];
  const kind = Form.useWatch('kind', form) ?? kinds[0];

  useEffect(() => {
    if (props.mode === 'edit')
      form.setFieldsValue({ kind: props.org.kind, name: props.org.name, secretary: props.org.secretary ?? '' });
    else form.setFieldsValue({ kind: kinds[0] });
    // Only on open; the modal is mounted per use.
  }, []);

  const onOk = async () => {
    const values = await form.validateFields();
    const secretary = values.secretary?.trim() ?? '';
    const handlers = {
      onSuccess: (org: PartyOrg) => {
        feedback.ok(t('common.saved'));
        props.onSaved(org);
        props.onClose();
      },
      onError: (error: unknown) => {
        if (!applyServerErrors(form, error, { nodeId: 'node' })) feedback.fail(error);
      },
    };
    if (props.mode === 'edit') {
      update.mutate({ id: props.org.id, body: { name: values.name, secretary: secretary || null } }, handlers);
    } else if (values.node) {
      create.mutate(
        {
          parentId: props.parent?.id ?? null,
          kind: values.kind,
          name: values.name,
          nodeId: values.node.value,
          ...(secretary ? { secretary } : {}),
        },
        handlers,
      );
    }
  };

  const title =
    props.mode === 'edit'
      ? t('party.editTitle', { name: props.org.name })
      : props.parent
        ? t('party.createChildTitle', { name: props.parent.name })
        : t('party.createRootTitle');

  return (
    <Modal
      open
      title={title}
      onCancel={props.onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="kind" label={t('party.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={props.mode === 'edit'}
            options={kinds.map((k) => ({ value: k, label: t(`partyKind.${k}`) }))}
            onChange={() => form.setFieldValue('node', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('party.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {props.mode === 'create' && (
          <Form.Item
            name="node"
            label={t('party.node')}
            extra={t('party.nodeHint', { kind: t(`kind.${PARTY_NODE_KIND[kind]}`) })}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <NodePicker kinds={[PARTY_NODE_KIND[kind]]} />
          </Form.Item>
        )}
        <Form.Item name="secretary" label={t('party.secretary')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
