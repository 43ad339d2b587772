// The modal to create a child node or edit a node: kind (limited by CHILD_KINDS), name, code, grid kind, polygon.
import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { CHILD_KINDS, GRID_KINDS, type NodeKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import type { TerritoryNode } from '../../lib/types';
import { useCreateNode, useUpdateNode } from './api';
import { parseGeometryText } from './geometryText';

type Values = { kind: NodeKind; name: string; code?: string; gridKind?: 'general' | 'dedicated'; geometry?: string };

type Props = {
  open: boolean;
  onClose: () => void;
  /** Create a child under this node … */
  parent?: TerritoryNode;
  /** … or edit this node. */
  node?: TerritoryNode;
  onSaved?: (node: TerritoryNode) => void;
};

export function NodeFormModal({ open, onClose, parent, node, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateNode();
  const update = useUpdateNode();
  const feedback = useFeedback();
  const editing = node !== undefined;
  const kinds = parent ? CHILD_KINDS[parent.kind] : [];
  const kind = Form.useWatch('kind', form) ?? node?.kind;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (node) {
      form.setFieldsValue({
        kind: node.kind,
        name: node.name,
        gridKind: node.gridKind ?? undefined,
        geometry: node.geometry ? JSON.stringify(node.geometry) : undefined,
      });
    } else {
      form.setFieldsValue({ kind: kinds[0], gridKind: 'general' });
    }
    // Reset only when the modal opens or its subject changes, not on every render of the caller.
  }, [open, node?.id, parent?.id]);

  const onOk = async () => {
    const values = await form.validateFields();
    const geometry = values.kind === 'grid' ? parseGeometryText(values.geometry) : null;
    const onError = (error: unknown) => {
      if (!applyServerErrors(form, error)) feedback.fail(error);
    };
    const done = (saved: TerritoryNode, text: string) => {
      feedback.ok(text);
      onSaved?.(saved);
      onClose();
    };
    if (node) {
      const body = {
        name: values.name,
        ...(node.kind === 'grid' ? { gridKind: values.gridKind } : {}),
        ...(node.kind === 'grid' && form.isFieldTouched('geometry') ? { geometry } : {}),
      };
      update.mutate({ id: node.id, body }, { onSuccess: (saved) => done(saved, t('common.saved')), onError });
    } else if (parent) {
      const body = {
        parentId: parent.id,
        kind: values.kind,
        name: values.name,
        ...(values.code ? { code: values.code } : {}),
        ...(values.kind === 'grid' ? { gridKind: values.gridKind } : {}),
        ...(geometry ? { geometry } : {}),
      };
      create.mutate(body, { onSuccess: (saved) => done(saved, t('common.created')), onError });
    }
  };

  const geometryRule = {
    validator: (_: unknown, text: string | undefined) => {
      try {
        parseGeometryText(text);
        return Promise.resolve();
      } catch (error) {
        const reason =
          error instanceof Error && error.message === 'json'
            ? 'territory.geometryNotJson'
            : 'territory.geometryInvalid';
        return Promise.reject(new Error(t(reason)));
      }
    },
  };

  return (
    <Modal
      open={open}
      title={
        editing
          ? t('territory.editTitle', { name: node.name })
          : t('territory.createTitle', { name: parent?.name ?? '' })
      }
      onCancel={onClose}
      onOk={() => void onOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="kind" label={t('territory.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={editing}
            options={(editing ? [node.kind] : kinds).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('territory.name')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="code"
            label={t('territory.code')}
            extra={t('territory.codeHint')}
            rules={[{ pattern: /^\d{6,25}$/, message: t('territory.codeInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={25} />
          </Form.Item>
        )}
        {kind === 'grid' && (
          <>
            <Form.Item name="gridKind" label={t('territory.gridKind')}>
              <Select options={GRID_KINDS.map((g) => ({ value: g, label: t(`gridKind.${g}`) }))} />
            </Form.Item>
            <Form.Item
              name="geometry"
              label={t('territory.geometry')}
              extra={t('territory.geometryHint')}
              rules={[geometryRule]}
            >
              <Input.TextArea rows={4} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
