// A proxy vote (代投) that staff record for an elderly resident of the area who cannot vote themselves: the resident,
// who cast it for them and the paper authorisation (委托书); the server refuses one without its record and says so.
import { useState } from 'react';
import { Form, Input, Modal, Radio, type ButtonProps } from 'antd';
import { useT } from '../../app/i18n';
import { useDelibPost, type VoteData } from './api';
import { DelibError } from './DelibError';
import { ResidentPicker } from './ResidentPicker';

export function ProxyVote({ v, open, onClose }: { v: VoteData; open: boolean; onClose: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const [residentId, setResidentId] = useState<number | undefined>();
  const [proxyName, setProxyName] = useState('');
  const [record, setRecord] = useState('');
  const [choice, setChoice] = useState<'yes' | 'no' | 'abstain'>('yes');
  // One key per filled form: a double tap or a retry records one vote.
  const [key] = useState(() => `proxy-${v.id}-${crypto.randomUUID()}`);
  return (
    <Modal
      open={open}
      title={t('delib.proxyTitle', { question: v.question })}
      onCancel={onClose}
      onOk={() =>
        post.mutate(
          {
            path: `/votes/${v.id}/ballots`,
            body: { choice, proxy: { residentId, proxyName, record } },
            key: `${key}-${residentId}`,
          },
          { onSuccess: onClose },
        )
      }
      okText={t('delib.proxySave')}
      cancelText={t('delib.cancel')}
      okButtonProps={
        {
          disabled: !residentId || !proxyName.trim(),
          loading: post.isPending,
          'data-testid': 'proxy-save',
        } as ButtonProps
      }
      destroyOnHidden
    >
      <DelibError error={post.error} />
      <Form layout="vertical">
        <Form.Item label={t('delib.proxyResident')} htmlFor="proxy-resident" extra={t('delib.proxyResidentHint')}>
          <ResidentPicker
            id="proxy-resident"
            testId="proxy-resident"
            value={residentId}
            onChange={(id) => setResidentId(id)}
          />
        </Form.Item>
        <Form.Item label={t('delib.proxyName')} htmlFor="proxy-name">
          <Input
            id="proxy-name"
            data-testid="proxy-name"
            maxLength={40}
            value={proxyName}
            onChange={(e) => setProxyName(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('delib.proxyRecord')} htmlFor="proxy-record" extra={t('delib.proxyRecordHint')}>
          <Input
            id="proxy-record"
            data-testid="proxy-record"
            maxLength={200}
            value={record}
            onChange={(e) => setRecord(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('delib.proxyChoice')}>
          <Radio.Group
            optionType="button"
            value={choice}
            onChange={(e) => setChoice(e.target.value as 'yes')}
            options={(['yes', 'no', 'abstain'] as const).map((c) => ({ value: c, label: t(`delib.choice.${c}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
