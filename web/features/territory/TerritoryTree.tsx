// The territory tree: kind tag and name per node, retired nodes struck through.
import { Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { LazyTreeView } from '../../components/LazyTreeView';
import type { LazyTree } from '../../lib/useLazyTree';
import type { TerritoryNode } from '../../lib/types';
import { KIND_COLOR } from './kindColors';

type Props = { tree: LazyTree<TerritoryNode>; selectedId: number | null; onSelect: (id: number) => void };

export function TerritoryTree({ tree, selectedId, onSelect }: Props) {
  const t = useT();
  return (
    <LazyTreeView<TerritoryNode>
      tree={tree}
      selectedId={selectedId}
      onSelect={(node) => onSelect(node.id)}
      testId={TID.territoryTree}
      renderTitle={(node) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Tag color={KIND_COLOR[node.kind]} style={{ marginInlineEnd: 4 }}>
            {t(`kind.${node.kind}`)}
          </Tag>
          <Typography.Text delete={node.retiredAt !== null} type={node.retiredAt ? 'secondary' : undefined}>
            {node.name}
          </Typography.Text>
        </span>
      )}
    />
  );
}
