// The selected party organisation: its facts and the write actions (add sub-organisation, edit, retire/restore).
import { useState } from 'react';
import { Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { PARTY_CHILD_KINDS } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { useFeedback } from '../../lib/useFeedback';
import type { PartyOrg } from '../../lib/types';
import { useUpdatePartyOrg } from './api';
import { PartyOrgModal } from './PartyOrgModal';

type Props = { org: PartyOrg; canWrite: boolean; onChanged: (org: PartyOrg) => void };

export function PartyOrgDetail({ org, canWrite, onChanged }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const update = useUpdatePartyOrg();
  const [modal, setModal] = useState<'child' | 'edit' | null>(null);
  const retired = org.retiredAt !== null;

  const setRetired = (value: boolean) =>
    update.mutate(
      { id: org.id, body: { retired: value } },
      {
        onSuccess: (saved) => {
          feedback.ok(t(value ? 'party.retired' : 'party.restored'));
          onChanged(saved);
        },
        onError: feedback.fail,
      },
    );

  return (
    <Card size="small">
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Tag color="red">{t(`partyKind.${org.kind}`)}</Tag>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid={TID.partyDetailName}>
          {org.name}
        </Typography.Title>
        {retired && <Tag>{t('common.retired')}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'node', label: t('party.node'), children: org.nodeName },
          { key: 'secretary', label: t('party.secretary'), children: org.secretary ?? '—' },
          { key: 'children', label: t('party.childCount'), children: org.childCount },
        ]}
      />
      {canWrite && (
        <Space wrap>
          {PARTY_CHILD_KINDS[org.kind].length > 0 && !retired && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('child')}>
              {t('party.createChild')}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={() => setModal('edit')}>
            {t('common.edit')}
          </Button>
          {retired ? (
            <Button icon={<RollbackOutlined />} loading={update.isPending} onClick={() => setRetired(false)}>
              {t('party.restore')}
            </Button>
          ) : (
            <Popconfirm
              title={t('party.retireConfirm', { name: org.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => setRetired(true)}
            >
              <Button icon={<StopOutlined />} loading={update.isPending}>
                {t('party.retire')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {modal === 'child' && (
        <PartyOrgModal mode="create" parent={org} onClose={() => setModal(null)} onSaved={() => undefined} />
      )}
      {modal === 'edit' && <PartyOrgModal mode="edit" org={org} onClose={() => setModal(null)} onSaved={onChanged} />}
    </Card>
  );
}
