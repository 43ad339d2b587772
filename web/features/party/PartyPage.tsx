// The party organisation page: the lazy tree (street committee → … → member household) and the selected org.
import { useCallback, useState } from 'react';
import { Button, Card, Checkbox, Col, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useCan } from '../../app/session';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { LazyTreeView } from '../../components/LazyTreeView';
import { PageHeader } from '../../components/PageHeader';
import { useLazyTree } from '../../lib/useLazyTree';
import type { PartyOrg } from '../../lib/types';
import { PARTY_KEY, fetchPartyOrgs } from './api';
import { PartyOrgDetail } from './PartyOrgDetail';
import { PartyOrgModal } from './PartyOrgModal';

export function PartyPage() {
  const t = useT();
  const canWrite = useCan('party.write');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [selected, setSelected] = useState<PartyOrg | null>(null);
  const [creatingRoot, setCreatingRoot] = useState(false);
  const fetchPage = useCallback(
    (parentId: number | null, cursor: string | undefined) => fetchPartyOrgs(parentId, cursor, includeRetired),
    [includeRetired],
  );
  const tree = useLazyTree<PartyOrg>([...PARTY_KEY, includeRetired ? 'all' : 'active'], fetchPage);

  return (
    <>
      <PageHeader
        title={t('party.title')}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreatingRoot(true)}
              data-testid={TID.partyCreate}
            >
              {t('party.createRoot')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Checkbox checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)}>
                {t('party.showRetired')}
              </Checkbox>
              <LazyTreeView<PartyOrg>
                tree={tree}
                selectedId={selected?.id ?? null}
                onSelect={setSelected}
                testId={TID.partyTree}
                renderTitle={(org) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <Tag color="red" style={{ marginInlineEnd: 4 }}>
                      {t(`partyKindShort.${org.kind}`)}
                    </Tag>
                    <Typography.Text delete={org.retiredAt !== null} type={org.retiredAt ? 'secondary' : undefined}>
                      {org.name}
                    </Typography.Text>
                  </span>
                )}
              />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          {selected ? (
            <PartyOrgDetail org={selected} canWrite={canWrite} onChanged={setSelected} />
          ) : (
            <Card>
              <EmptyText description={t('party.pickOrg')} />
            </Card>
          )}
        </Col>
      </Row>
      {creatingRoot && (
        <PartyOrgModal mode="create" parent={null} onClose={() => setCreatingRoot(false)} onSaved={setSelected} />
      )}
    </>
  );
}
