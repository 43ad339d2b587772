// 上门办结 in one tap from a household page: a grid or community worker picks the item done at the door for a resident
// (prefilled from the registry on the server). The Idempotency-Key is made when the dialog opens and kept until the
// server has answered, so a retry after a dropped connection records the service once.
import { useState } from 'react';
import { Button, Modal, Select } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { errorMessage } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { useApply, useCatalogue } from './api';

export function DoorServiceButton({ residentId, name }: { residentId: number; name: string }) {
  const t = useT();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [code, setCode] = useState<string | undefined>();
  const cat = useCatalogue('');
  const apply = useApply();
  const items = (cat.data?.classes ?? []).flatMap((c) => c.items).filter((i) => i.channels.includes('door'));
  const start = () => {
    setKey(crypto.randomUUID());
    setOpen(true);
  };
  const send = () =>
    code &&
    apply.mutate(
      { key, body: { itemCode: code, residentId, doneAtDoor: true } },
      {
        onSuccess: () => {
          feedback.ok(t('svc.doorDone'));
          setOpen(false);
          setCode(undefined);
        },
        onError: (e) => feedback.fail(new Error(errorMessage(e))),
      },
    );
  return (
    <>
      <Button
        size="small"
        icon={<CheckCircleOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          start();
        }}
        data-testid={`svc-door-${residentId}`}
      >
        {t('svc.door')}
      </Button>
      <Modal
        open={open}
        title={t('svc.doorTitle', { name })}
        okText={t('svc.doorConfirm')}
        okButtonProps={{ disabled: !code, loading: apply.isPending }}
        onOk={send}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          placeholder={t('svc.doorPick')}
          aria-label={t('svc.doorPick')}
          value={code}
          onChange={setCode}
          options={items.map((i) => ({ value: i.code, label: i.name }))}
        />
      </Modal>
    </>
  );
}
