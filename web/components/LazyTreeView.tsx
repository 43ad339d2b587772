// antd Tree over a useLazyTree state: titles from a render function, "加载更多" rows for long levels.
import type { Key, ReactNode } from 'react';
import { Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useT } from '../app/i18n';
import type { LazyTree } from '../lib/useLazyTree';
import { EmptyText } from './EmptyText';
import { ErrorAlert } from './ErrorAlert';

type Item = { id: number; childCount: number };
type Props<T extends Item> = {
  tree: LazyTree<T>;
  selectedId: number | null;
  onSelect: (item: T) => void;
  renderTitle: (item: T) => ReactNode;
  testId?: string;
};

const MORE_PREFIX = 'more:';

export function LazyTreeView<T extends Item>({ tree, selectedId, onSelect, renderTitle, testId }: Props<T>) {
  const t = useT();
  const byKey = new Map<string, T>();

  const build = (parentId: number | null): DataNode[] | undefined => {
    const children = tree.childrenOf.get(parentId);
    if (!children) return undefined;
    const nodes: DataNode[] = children.items.map((item) => {
      byKey.set(String(item.id), item);
      return {
        key: String(item.id),
        isLeaf: item.childCount === 0,
        title: renderTitle(item),
        children: item.childCount === 0 ? undefined : build(item.id),
      };
    });
    if (children.hasMore) {
      nodes.push({
        key: `${MORE_PREFIX}${parentId ?? 'root'}`,
        isLeaf: true,
        title: <Typography.Link>{t('common.loadMore')}</Typography.Link>,
      });
    }
    return nodes;
  };

  if (tree.rootsError) return <ErrorAlert error={tree.rootsError} onRetry={tree.refetchRoots} />;
  if (tree.rootsLoading) return <Spin style={{ display: 'block', padding: 24 }} />;
  const treeData = build(null) ?? [];
  if (treeData.length === 0) return <EmptyText />;

  const onSelectKey = (_keys: Key[], info: { node: { key: Key } }) => {
    const key = String(info.node.key);
    if (key.startsWith(MORE_PREFIX)) {
      const parent = key.slice(MORE_PREFIX.length);
      tree.loadMore(parent === 'root' ? null : Number(parent));
      return;
    }
    const item = byKey.get(key);
    if (item) onSelect(item);
  };

  return (
    <div className="jy-tree-wrap" data-testid={testId}>
      <Tree
        blockNode
        showLine
        treeData={treeData}
        selectedKeys={selectedId !== null ? [String(selectedId)] : []}
        expandedKeys={tree.expanded.map(String)}
        onExpand={(keys) => tree.setExpanded(keys.map(Number).filter((n) => !Number.isNaN(n)))}
        loadData={(node) => tree.load(Number(node.key))}
        onSelect={onSelectKey}
      />
    </div>
  );
}
