// One work order: its fields as the hotline sent them, the case, the reply, the audited history, and the unreasonable proposal.
import { useState } from 'react';
import { Button, Descriptions, Drawer, Form, Input, Modal, Spin, Timeline } from 'antd';
import { Link } from 'react-router-dom';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/useFeedback';
import { useOrder, usePropose } from './api';
import { StatusTag, UnreasonableTag } from './labels';

export function OrderDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const order = useOrder(id);
  const o = order.data;
  const [proposing, setProposing] = useState(false);
  return (
    <Drawer open={id != null} onClose={onClose} title={t('hotline.detail')} width={560} destroyOnHidden>
      <ErrorAlert error={order.error} />
      {order.isPending && id != null && <Spin />}
      {o && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hotline.orderNo')}>{o.orderNo}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.status')}>
              <StatusTag status={o.status} />
              <UnreasonableTag state={o.unreasonable} />
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.calledAt')}>{formatDateTime(o.calledAt, language)}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.caller')}>
              {[o.callerName, o.callerPhone].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.content')}>{o.content}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.address')}>{o.address}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.requestType')}>
              {o.requestType}
              {o.categoryCode ? ` → ${o.categoryCode}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.deadline')}>
              {formatDateTime(o.hotlineDeadline, language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.handlerUnit')}>{o.handlerUnit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.place')}>{o.nodeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hotline.case')}>
              {o.caseId ? <Link to={`/cases/${o.caseId}`}>{o.caseNumber}</Link> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.reply')}>
              {o.replyAt
                ? `${formatDateTime(o.replyAt, language)} · ${o.replyDeliveredAt ? t('hotline.replied') : t('hotline.replyPending')}`
                : '—'}
            </Descriptions.Item>
            {o.unreasonableReason && (
              <Descriptions.Item label={t('hotline.unreasonable.reason')}>{o.unreasonableReason}</Descriptions.Item>
            )}
          </Descriptions>
          {(o.unreasonable == null || o.unreasonable === 'refused') && (
            <Button style={{ marginTop: 12 }} onClick={() => setProposing(true)}>
              {t('hotline.unreasonable.propose')}
            </Button>
          )}
          <h4 style={{ marginTop: 16 }}>{t('hotline.history')}</h4>
          <Timeline
            items={o.history.map((h) => ({
              children: `${formatDateTime(h.at, language)} ${h.actorName ?? ''} ${h.action.replace('hotline.', '')}${h.note ? `：${h.note}` : ''}`,
            }))}
          />
          <ProposeModal id={o.id} open={proposing} onClose={() => setProposing(false)} />
        </>
      )}
    </Drawer>
  );
}

function ProposeModal({ id, open, onClose }: { id: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const propose = usePropose();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    propose.mutate({ id, body: { reason } }, { onSuccess: onClose, onError: feedback.fail });
  };
  return (
    <Modal
      open={open}
      title={t('hotline.unreasonable.propose')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={propose.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('hotline.unreasonable.reason')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
