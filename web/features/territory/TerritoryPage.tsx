// The territory page: search and lazy tree on the left, the selected node's detail on the right (?node=id).
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Checkbox, Col, Row, Space } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { useIsMobile } from '../../lib/useIsMobile';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { useNode, useRoots } from './api';
import { NodeDetail } from './NodeDetail';
import { NodePicker } from './NodePicker';
import { TerritoryTree } from './TerritoryTree';
import { useTerritoryTree } from './useTerritoryTree';

export function TerritoryPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [includeRetired, setIncludeRetired] = useState(false);
  const tree = useTerritoryTree(includeRetired);
  const roots = useRoots();
  const selectedParam = Number(params.get('node'));
  const selectedId = Number.isInteger(selectedParam) && selectedParam > 0 ? selectedParam : null;
  const selected = useNode(selectedId);

  const isMobile = useIsMobile();
  const detailRef = useRef<HTMLDivElement>(null);

  const select = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id === null) next.delete('node');
    else next.set('node', String(id));
    setParams(next);
    // On a phone the detail sits under the tree: bring it into view.
    if (isMobile) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // With nothing chosen yet, open the first root so the page is never blank.
  const firstRoot = roots.data?.items[0]?.id;
  const { reveal } = tree;
  useEffect(() => {
    if (selectedId === null && firstRoot !== undefined) {
      reveal([firstRoot]);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('node', String(firstRoot));
          return next;
        },
        { replace: true },
      );
    }
  }, [selectedId, firstRoot, setParams, reveal]);

  // Keep the tree showing the selected node: expand its ancestors once they are known.
  const ancestorKey = selected.data?.ancestors.map((a) => a.id).join(',') ?? '';
  useEffect(() => {
    if (ancestorKey) reveal(ancestorKey.split(',').map(Number));
  }, [ancestorKey, reveal]);

  return (
    <>
      <PageHeader title={t('territory.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8} xxl={6}>
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <NodePicker
                value={null}
                onChange={(option) => option && select(option.value)}
                placeholder={t('territory.searchPlaceholder')}
                testId={TID.territorySearch}
              />
              <Checkbox checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)}>
                {t('territory.showRetired')}
              </Checkbox>
              <TerritoryTree tree={tree} selectedId={selectedId} onSelect={select} />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16} xxl={18} ref={detailRef}>
          {selectedId !== null ? (
            <NodeDetail id={selectedId} onSelect={select} />
          ) : (
            <Card>
              <EmptyText description={t('territory.pickNode')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
