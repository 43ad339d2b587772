// Passing a matter this council cannot settle up to a council above (琐事不出网格、小事不出社区、大事不出街道), with its
// record: why it goes up; the server adds the tallies of the votes already held on it.
import { useState } from 'react';
import { Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useT } from '../../app/i18n';
import { useCouncils, useDelibPost, type AgendaData, type CouncilData } from './api';
import { DelibError } from './DelibError';

const RANK = { grid: 0, community: 1, street: 2 } as const;

export function PassUpModal(props: { item: AgendaData; from: CouncilData; open: boolean; onClose: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const councils = useCouncils();
  const [councilId, setCouncilId] = useState<number | undefined>();
  const [record, setRecord] = useState('');
  const above = (councils.data?.items ?? []).filter((c) => RANK[c.level] > RANK[props.from.level]);
  return (
    <Modal
      open={props.open}
      title={t('delib.passUpTitle', { title: props.item.title })}
      onCancel={props.onClose}
      onOk={() =>
        post.mutate(
          { path: `/agenda-items/${props.item.id}/pass-up`, body: { councilId, record } },
          { onSuccess: props.onClose },
        )
      }
      okText={t('delib.passUp')}
      cancelText={t('delib.cancel')}
      okButtonProps={
        { disabled: !councilId || !record.trim(), loading: post.isPending, 'data-testid': 'passup-save' } as ButtonProps
      }
      destroyOnHidden
    >
      <DelibError error={post.error} />
      <Form layout="vertical">
        <Form.Item
          label={t('delib.passUpTo')}
          htmlFor="passup-council"
          extra={above.length ? undefined : t('delib.noCouncilAbove')}
        >
          <Select
            id="passup-council"
            data-testid="passup-council"
            value={councilId}
            onChange={setCouncilId}
            options={above.map((c) => ({ value: c.id, label: `${c.name}（${c.nodeName}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('delib.passUpRecord')} htmlFor="passup-record" extra={t('delib.passUpHint')}>
          <Input.TextArea
            id="passup-record"
            data-testid="passup-record"
            rows={4}
            maxLength={2000}
            value={record}
            onChange={(e) => setRecord(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
