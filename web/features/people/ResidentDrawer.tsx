// The resident drawer: details (masked), the audited reveal of the full ID number or phone, the household link,
// the care level and the visit history.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Descriptions, Drawer, List, Space, Spin, Typography } from 'antd';
import { EditOutlined, EyeOutlined, HeartOutlined, HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { canEditPeople, canRevealPeople } from './access';
import { EditResidentModal } from './EditResidentModal';
import { MoveOutModal } from './MoveOutModal';
import { reveal, usePersonTags, useResident, useVisits, type DueItem } from './api';
import { CareModal } from './CareModal';
import { CareTag, PersonTags, ResidenceLabel } from './labels';

type Props = { id: number | null; care: DueItem | undefined; onClose: () => void };

export function ResidentDrawer({ id, care, onClose }: Props) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={t('people.drawer.title')}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      data-testid={TID.residentDrawer}
    >
      {id !== null && <ResidentDetails key={id} id={id} care={care} />}
    </Drawer>
  );
}

function ResidentDetails({ id, care }: { id: number; care: DueItem | undefined }) {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const resident = useResident(id);
  const tags = usePersonTags();
  const visits = useVisits(id);
  const [full, setFull] = useState<{ idNumber?: string | null; phone?: string | null }>({});
  const [forbidden, setForbidden] = useState(false);
  const [revealing, setRevealing] = useState<'idNumber' | 'phone' | null>(null);
  const [careOpen, setCareOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [movingOut, setMovingOut] = useState(false);
  const mayReveal = canRevealPeople(me) && !forbidden;
  const mayEdit = canEditPeople(me);

  const onReveal = async (field: 'idNumber' | 'phone') => {
    setRevealing(field);
    try {
      const result = await reveal(id, field);
      setFull((prev) => ({ ...prev, [field]: result.value }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) setForbidden(true);
      else feedback.fail(error);
    } finally {
      setRevealing(null);
    }
  };

  if (resident.isPending) return <Spin />;
  if (resident.isError) return <ErrorAlert error={resident.error} onRetry={() => void resident.refetch()} />;
  const r = resident.data;

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.name}
        </Typography.Title>
        <CareTag level={r.care?.level ?? care?.level} />
      </Space>
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}>
        <Descriptions.Item label={r.idKind === 'resident_id' ? t('people.idNumber') : t(`people.idKind.${r.idKind}`)}>
          <Space wrap>
            <span data-testid={TID.residentId}>
              {full.idNumber ?? r.idNumberMasked ?? `${t('people.idKind.none')}（${r.noIdReason ?? ''}）`}
            </span>
            {mayReveal && r.idNumberMasked && full.idNumber === undefined && (
              <Button
                size="small"
                icon={<EyeOutlined />}
                loading={revealing === 'idNumber'}
                onClick={() => void onReveal('idNumber')}
                data-testid={TID.residentReveal}
              >
                {t('people.reveal')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.phone')}>
          <Space wrap>
            <span>{full.phone ?? r.phoneMasked ?? '—'}</span>
            {mayReveal && r.phoneMasked && full.phone === undefined && (
              <Button size="small" type="link" loading={revealing === 'phone'} onClick={() => void onReveal('phone')}>
                {t('people.revealPhone')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.sex')}>{t(`people.sex.${r.sex}`)}</Descriptions.Item>
        <Descriptions.Item label={t('people.birthDate')}>{r.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('people.residenceType')}>
          <ResidenceLabel type={r.residenceType} />
        </Descriptions.Item>
        <Descriptions.Item label={t('people.household')}>
          <Link to={`/people/households/${r.householdNodeId}`} data-testid={TID.residentHouseholdLink}>
            <HomeOutlined /> {r.householdName}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.movedInOn')}>{r.movedInOn ?? '—'}</Descriptions.Item>
        {r.movedOutOn && <Descriptions.Item label={t('people.movedOutOn')}>{r.movedOutOn}</Descriptions.Item>}
        {r.movedOutTo && <Descriptions.Item label={t('people.movedOutTo')}>{r.movedOutTo}</Descriptions.Item>}
        {r.care && <Descriptions.Item label={t('care.reason')}>{r.care.reason}</Descriptions.Item>}
        <Descriptions.Item label={t('people.tags')}>
          {r.tags.length ? <PersonTags codes={r.tags} catalogue={tags.data} /> : '—'}
        </Descriptions.Item>
        {care && (
          <Descriptions.Item label={t('care.dueOn')}>
            {care.dueOn}
            {care.lastVisitOn ? ` · ${t('care.lastVisit')} ${care.lastVisitOn}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      {forbidden && <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('people.revealForbidden')} />}
      {mayReveal && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('people.revealNote')}
        </Typography.Paragraph>
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Link to={`/people/households/${r.householdNodeId}`}>
          <Button icon={<HomeOutlined />}>{t('people.openHousehold')}</Button>
        </Link>
        {mayEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={TID.residentEdit}>
            {t('people.edit')}
          </Button>
        )}
        {mayEdit && !r.movedOutOn && (
          <Button icon={<LogoutOutlined />} danger onClick={() => setMovingOut(true)} data-testid={TID.residentMoveOut}>
            {t('people.moveOut')}
          </Button>
        )}
        {mayEdit && !r.movedOutOn && (
          <Button icon={<HeartOutlined />} onClick={() => setCareOpen(true)} data-testid={TID.residentSetCare}>
            {t('people.setCare')}
          </Button>
        )}
      </Space>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('people.visitHistory')}
      </Typography.Title>
      <List
        size="small"
        loading={visits.isPending && !visits.isError}
        dataSource={visits.data ?? []}
        locale={{ emptyText: t('people.noVisits') }}
        renderItem={(v) => (
          <List.Item>
            <div>
              <Typography.Text strong>{v.visitedOn}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v.note}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
      <CareModal resident={r} current={care} open={careOpen} onClose={() => setCareOpen(false)} />
      {editing && <EditResidentModal resident={r} open={editing} onClose={() => setEditing(false)} />}
      {movingOut && <MoveOutModal resident={r} open={movingOut} onClose={() => setMovingOut(false)} />}
    </>
  );
}
