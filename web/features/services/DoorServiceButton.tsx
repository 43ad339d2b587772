// 上门办结 in one tap from a household page (移动办公桌): a grid or community worker picks the item done at the door for a
// resident; the dialog shows what the registry holds (the server fills the record from it). Safe offline: without a
// connection the record waits in the phone's outbox with its Idempotency-Key and is sent once back online.
import { useState } from 'react';
import { Alert, Button, Descriptions, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EligibilityResult } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { api } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { SERVICES_KEY, useCatalogue } from './api';
import { discardDoorService, recordDoorService, useDoorQueue } from './offlineDoor';

type Props = { residentId: number; name: string; household?: string; facts?: string };

export function DoorServiceButton({ residentId, name, household, facts }: Props) {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | undefined>();
  const cat = useCatalogue('');
  const queue = useDoorQueue(me.id);
  const items = (cat.data?.classes ?? []).flatMap((c) => c.items).filter((i) => i.channels.includes('door'));
  const eligibility = useQuery({
    queryKey: [...SERVICES_KEY, 'eligibility', code, residentId],
    queryFn: () =>
      api.get<z.infer<typeof EligibilityResult>>(`/api/services/items/${code}/eligibility`, { residentId }),
    enabled: open && !!code,
    retry: false,
  });
  const queued = queue.items.filter((q) => q.residentId === residentId).length;
  const send = async () => {
    const item = items.find((i) => i.code === code);
    if (!item) return;
    setBusy(true);
    try {
      const r = await recordDoorService(me.id, { residentId, name, itemCode: item.code, itemName: item.name });
      feedback.ok(r.queued ? t('svc.doorQueued') : t('svc.doorDone'));
      if (!r.queued) void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'applications'] });
      setOpen(false);
      setCode(undefined);
    } catch (e) {
      feedback.fail(e);
    } finally {
      setBusy(false);
    }
  };
  // React events bubble through the modal's portal: stop them here, or a click in the dialog also opens the row's drawer.
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button
        size="small"
        icon={<CheckCircleOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`svc-door-${residentId}`}
      >
        {t('svc.door')}
        {queued > 0 && <Tag style={{ marginInlineStart: 4 }}>{t('svc.doorWaiting', { n: queued })}</Tag>}
      </Button>
      <Modal
        open={open}
        title={t('svc.doorTitle', { name })}
        okText={t('svc.doorConfirm')}
        okButtonProps={{
          disabled: !code,
          loading: busy,
          ...({ 'data-testid': 'svc-door-ok' } as Record<string, string>),
        }}
        onOk={() => void send()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <div onClick={(e) => e.stopPropagation()}>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('svc.col.applicant')}>{name}</Descriptions.Item>
            {household && <Descriptions.Item label={t('svc.household')}>{household}</Descriptions.Item>}
            {facts && <Descriptions.Item label={t('svc.registry')}>{facts}</Descriptions.Item>}
          </Descriptions>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            placeholder={t('svc.doorPick')}
            aria-label={t('svc.doorPick')}
            value={code}
            onChange={setCode}
            options={items.map((i) => ({ value: i.code, label: i.name }))}
            data-testid="svc-door-item"
          />
          {eligibility.data && !eligibility.data.eligible && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              message={t('svc.ineligible')}
              description={eligibility.data.failures.map((f) => f.message).join('；')}
            />
          )}
        </div>
      </Modal>
    </span>
  );
}

/** The worker's outbox of door services recorded offline: what waits, what the server refused (with its reason). */
export function DoorOutbox() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queue = useDoorQueue(me.id, (n) => feedback.ok(t('svc.doorSynced', { n })));
  if (queue.items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<CloudUploadOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="svc-door-outbox"
      message={t('svc.doorOutbox', { n: queue.items.length })}
      description={
        <List
          size="small"
          dataSource={queue.items}
          renderItem={(q) => (
            <List.Item
              actions={[
                <Popconfirm key="d" title={t('svc.doorDiscard')} onConfirm={() => discardDoorService(me.id, q.key)}>
                  <Button size="small" type="link" danger>
                    {t('svc.discard')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space wrap>
                <Typography.Text>
                  {q.name} · {q.itemName}
                </Typography.Text>
                {q.error && <Typography.Text type="danger">{q.error}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      }
      action={
        <Button size="small" onClick={() => void queue.flush()}>
          {t('svc.doorResend')}
        </Button>
      }
    />
  );
}
