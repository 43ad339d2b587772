// The paged table of a node's direct children (click a row to open it).
import { Table, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { useCursorList } from '../../lib/useCursorList';
import type { TerritoryNode } from '../../lib/types';
import { TERRITORY_KEY } from './api';
import { KIND_COLOR } from './kindColors';

type Props = { parentId: number; onOpen: (id: number) => void };

export function ChildrenTable({ parentId, onOpen }: Props) {
  const t = useT();
  const list = useCursorList<TerritoryNode>([...TERRITORY_KEY, 'children'], '/api/territory/nodes', {
    parentId,
    includeRetired: true,
    limit: 20,
  });

  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <Table<TerritoryNode>
        data-testid={TID.nodeChildren}
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyText description={t('territory.noChildren')} /> }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('territory.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <>
                <Typography.Link>{name}</Typography.Link>
                {row.retiredAt && <Tag style={{ marginLeft: 6 }}>{t('common.retired')}</Tag>}
              </>
            ),
          },
          {
            title: t('territory.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (kind: TerritoryNode['kind']) => <Tag color={KIND_COLOR[kind]}>{t(`kind.${kind}`)}</Tag>,
          },
          {
            title: t('territory.code'),
            dataIndex: 'code',
            // A code is read and copied as one token (up to 25 digits for a household): it never wraps.
            render: (code: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {code}
              </Typography.Text>
            ),
          },
          { title: t('territory.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
        ]}
      />
      <LoadMore
        hasMore={list.hasMore}
        loading={list.isLoadingMore}
        onLoadMore={list.loadMore}
        count={list.items.length}
      />
    </>
  );
}
