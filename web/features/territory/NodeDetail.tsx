// The detail panel of the selected node: breadcrumb, facts, write actions, and tabs for children and the map.
import { lazy, Suspense, useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useLanguage, useT } from '../../app/i18n';
import { useCan } from '../../app/session';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useNode, useRoots } from './api';
import { ChildrenTable } from './ChildrenTable';
import { GeoJsonImportModal } from './GeoJsonImportModal';
import { KIND_COLOR } from './kindColors';
import { NodeActions } from './NodeActions';

const GridMap = lazy(() => import('./GridMap').then((m) => ({ default: m.GridMap })));

type Props = { id: number; onSelect: (id: number | null) => void };

export function NodeDetail({ id, onSelect }: Props) {
  const t = useT();
  const [language] = useLanguage();
  const canWrite = useCan('territory.write');
  const query = useNode(id);
  const roots = useRoots();
  const [tab, setTab] = useState('children');
  const [importOpen, setImportOpen] = useState(false);

  if (query.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const node = query.data;

  return (
    <Card size="small">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          ...node.ancestors.map((a) => ({
            key: a.id,
            title: <Typography.Link onClick={() => onSelect(a.id)}>{a.name}</Typography.Link>,
          })),
          { key: node.id, title: node.name },
        ]}
      />
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Tag color={KIND_COLOR[node.kind]}>{t(`kind.${node.kind}`)}</Tag>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid={TID.nodeDetailName}>
          {node.name}
        </Typography.Title>
        {node.retiredAt && <Tag>{t('common.retired')}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'code',
            label: t('territory.code'),
            children: (
              <Typography.Text code copyable data-testid={TID.nodeDetailCode} style={{ whiteSpace: 'nowrap' }}>
                {node.code}
              </Typography.Text>
            ),
          },
          { key: 'kind', label: t('territory.kind'), children: t(`kind.${node.kind}`) },
          ...(node.gridKind
            ? [{ key: 'gridKind', label: t('territory.gridKind'), children: t(`gridKind.${node.gridKind}`) }]
            : []),
          { key: 'children', label: t('territory.childCount'), children: node.childCount },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(node.updatedAt, language) },
          ...(node.retiredAt
            ? [{ key: 'retired', label: t('common.retiredAt'), children: formatDateTime(node.retiredAt, language) }]
            : []),
        ]}
      />
      {canWrite && (
        <Space wrap style={{ marginBottom: 12 }}>
          <NodeActions
            node={node}
            isScopeRoot={roots.data?.items.some((r) => r.id === node.id) ?? true}
            onSelect={onSelect}
          />
          {node.kind === 'community' && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid={TID.geojsonImport}>
              {t('territory.import')}
            </Button>
          )}
        </Space>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'children',
            label: t('territory.children'),
            children: <ChildrenTable parentId={node.id} onOpen={(childId) => onSelect(childId)} />,
          },
          {
            key: 'map',
            label: t('territory.map'),
            children: (
              <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
                <GridMap node={node} onOpen={(gridId) => onSelect(gridId)} />
              </Suspense>
            ),
          },
        ]}
      />
      {importOpen && <GeoJsonImportModal community={node} onClose={() => setImportOpen(false)} />}
    </Card>
  );
}
