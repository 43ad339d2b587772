// Write actions on the selected node: create child, edit, move, retire/restore, delete (territory.write only).
import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  RollbackOutlined,
  StopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { CHILD_KINDS } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { useFeedback } from '../../lib/useFeedback';
import type { TerritoryNode } from '../../lib/types';
import { useDeleteNode, useRetireNode } from './api';
import { MoveNodeModal } from './MoveNodeModal';
import { NodeFormModal } from './NodeFormModal';

/** `isScopeRoot`: the node is a top of the caller's scope, which they may edit but not move, retire or delete. */
type Props = { node: TerritoryNode; isScopeRoot: boolean; onSelect: (id: number | null) => void };

export function NodeActions({ node, isScopeRoot, onSelect }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [modal, setModal] = useState<'create' | 'edit' | 'move' | null>(null);
  const retire = useRetireNode();
  const remove = useDeleteNode((deleted) => {
    feedback.ok(t('common.deleted'));
    onSelect(deleted.parentId);
  });
  const retired = node.retiredAt !== null;
  const canHaveChildren = CHILD_KINDS[node.kind].length > 0;

  const onRetire = (action: 'retire' | 'restore') =>
    retire.mutate(
      { id: node.id, action },
      {
        onSuccess: () => feedback.ok(t(action === 'retire' ? 'territory.retired' : 'territory.restored')),
        onError: feedback.fail,
      },
    );
  const onDelete = () => remove.mutate(node, { onError: feedback.fail });

  return (
    <>
      <Space wrap size={[8, 8]}>
        {canHaveChildren && !retired && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal('create')}
            data-testid={TID.nodeCreate}
          >
            {t('territory.createChild')}
          </Button>
        )}
        <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid={TID.nodeEdit}>
          {t('common.edit')}
        </Button>
        {!isScopeRoot && node.parentId !== null && (
          <Button icon={<SwapOutlined />} onClick={() => setModal('move')} data-testid={TID.nodeMove}>
            {t('territory.move')}
          </Button>
        )}
        {isScopeRoot ? null : retired ? (
          <Button
            icon={<RollbackOutlined />}
            loading={retire.isPending}
            onClick={() => onRetire('restore')}
            data-testid={TID.nodeRestore}
          >
            {t('territory.restore')}
          </Button>
        ) : (
          <Popconfirm
            title={t('territory.retireConfirm', { name: node.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => onRetire('retire')}
          >
            <Button icon={<StopOutlined />} loading={retire.isPending} data-testid={TID.nodeRetire}>
              {t('territory.retire')}
            </Button>
          </Popconfirm>
        )}
        {!isScopeRoot && (
          <Popconfirm
            title={t('territory.deleteConfirm', { name: node.name })}
            description={node.childCount > 0 ? t('territory.deleteHasChildren') : undefined}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={onDelete}
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid={TID.nodeDelete}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <NodeFormModal open={modal === 'create'} parent={node} onClose={() => setModal(null)} />
      <NodeFormModal open={modal === 'edit'} node={node} onClose={() => setModal(null)} />
      {modal === 'move' && <MoveNodeModal open node={node} onClose={() => setModal(null)} />}
    </>
  );
}
