// The household page (/people/households/:nodeId): the household node, its dwelling (editable) and everyone living in it.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, List, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useMe } from '../../app/session';
import { canEditPeople } from './access';
import { HousingModal } from './HousingModal';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ApiError } from '../../lib/api';
import { useCareMap, useHousehold, usePersonTags } from './api';
import { CareTag, PersonTags, ResidenceLabel } from './labels';
import { ResidentDrawer } from './ResidentDrawer';
import { DoorOutbox, DoorServiceButton } from '../services/DoorServiceButton';
import { canSeeServices } from '../services/access';

export function HouseholdPage() {
  const t = useT();
  const nodeId = Number(useParams().nodeId);
  const household = useHousehold(nodeId);
  const tags = usePersonTags();
  const care = useCareMap(true);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editingHousing, setEditingHousing] = useState(false);
  const me = useMe();
  const mayEdit = canEditPeople(me);
  const mayServe = canSeeServices(me);

  if (household.isPending) return <Spin />;
  if (household.isError) {
    if (household.error instanceof ApiError && household.error.status === 404)
      return <Result status="404" title="404" subTitle={t('common.notFound')} />;
    return <ErrorAlert error={household.error} onRetry={() => void household.refetch()} />;
  }
  const { household: node, housing, residents } = household.data;
  const owner = housing?.ownerResidentId ? residents.find((r) => r.id === housing.ownerResidentId) : undefined;

  return (
    <div data-testid={TID.householdPage}>
      <PageHeader
        title={node.name}
        subtitle={t('household.title')}
        extra={
          <Space>
            {mayEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditingHousing(true)} data-testid={TID.housingEdit}>
                {t('household.editHousing')}
              </Button>
            )}
            <Link to="/people">
              <Button icon={<ArrowLeftOutlined />}>{t('household.back')}</Button>
            </Link>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('household.code')}>{node.code}</Descriptions.Item>
          <Descriptions.Item label={t('household.housing')}>
            {housing ? t(`household.use.${housing.use}`) : t('household.noHousing')}
          </Descriptions.Item>
          {housing?.entrance && (
            <Descriptions.Item label={t('household.entrance')}>{housing.entrance}</Descriptions.Item>
          )}
          {housing?.room && <Descriptions.Item label={t('household.room')}>{housing.room}</Descriptions.Item>}
          {housing?.ownerResidentId && (
            <Descriptions.Item label={t('household.owner')}>
              {owner?.name ?? `#${housing.ownerResidentId}`}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {mayServe && <DoorOutbox />}
      <Card size="small" title={t('household.members', { count: residents.length })}>
        <List
          dataSource={residents}
          locale={{ emptyText: t('people.empty') }}
          data-testid={TID.householdMembers}
          renderItem={(r) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => setOpenId(r.id)}
              data-testid={TID.peopleRow}
              data-name={r.name}
            >
              <div style={{ width: '100%' }}>
                <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <span>
                    <CareTag level={r.care?.level} />
                    <Typography.Text type="secondary">
                      {t(`people.sex.${r.sex}`)} · {r.birthDate} · <ResidenceLabel type={r.residenceType} />
                    </Typography.Text>{' '}
                    {mayServe && (
                      <DoorServiceButton
                        residentId={r.id}
                        name={r.name}
                        household={node.name}
                        facts={`${t(`people.sex.${r.sex}`)} · ${r.birthDate ?? ''} · ${r.idNumberMasked ?? t('people.idKind.none')}`}
                      />
                    )}
                  </span>
                </Space>
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {r.idNumberMasked ?? t('people.idKind.none')}
                    {r.phoneMasked ? ` · ${r.phoneMasked}` : ''}
                  </Typography.Text>
                </div>
                {r.tags.length > 0 && <PersonTags codes={r.tags} catalogue={tags.data} />}
              </div>
            </List.Item>
          )}
        />
      </Card>
      {editingHousing && (
        <HousingModal
          nodeId={node.id}
          housing={housing}
          residents={residents}
          onClose={() => setEditingHousing(false)}
        />
      )}
      <ResidentDrawer
        id={openId}
        care={openId === null ? undefined : care.get(openId)}
        onClose={() => setOpenId(null)}
      />
    </div>
  );
}
