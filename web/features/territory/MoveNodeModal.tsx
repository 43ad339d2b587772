// The modal to move a node under a new parent, picked by search among kinds that may hold it.
import { useState } from 'react';
import { Alert, Modal, Typography } from 'antd';
import { CHILD_KINDS, NODE_KINDS } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { useFeedback } from '../../lib/useFeedback';
import type { TerritoryNode } from '../../lib/types';
import { useMoveNode } from './api';
import { NodePicker, type NodeOption } from './NodePicker';

type Props = { open: boolean; node: TerritoryNode; onClose: () => void };

export function MoveNodeModal({ open, node, onClose }: Props) {
  const t = useT();
  const [target, setTarget] = useState<NodeOption | null>(null);
  const move = useMoveNode();
  const feedback = useFeedback();
  const parentKinds = NODE_KINDS.filter((kind) => CHILD_KINDS[kind].includes(node.kind));

  const onOk = () => {
    if (!target) return;
    move.mutate(
      { id: node.id, newParentId: target.value },
      {
        onSuccess: () => {
          feedback.ok(t('territory.moved'));
          setTarget(null);
          onClose();
        },
        onError: feedback.fail,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('territory.moveTitle', { name: node.name })}
      onCancel={onClose}
      onOk={onOk}
      okText={t('territory.move')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !target }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('territory.moveHint', { kinds: parentKinds.map((k) => t(`kind.${k}`)).join(' / ') })}
      </Typography.Paragraph>
      <NodePicker value={target} onChange={setTarget} kinds={parentKinds} excludeId={node.parentId ?? undefined} />
      {move.isError && <Alert type="error" showIcon style={{ marginTop: 12 }} message={move.error.message} />}
    </Modal>
  );
}
