// Approvals (/rooms/approvals): the bookings waiting for approval in the spaces the caller approves (e.g. the power
// office's evening hall); approve, or refuse with a reason the booker sees.
import { useState } from 'react';
import { Button, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useDecide, usePending, type PendingData } from './api';
import { cnDate, cnTime } from './time';

export function ApprovalsPage() {
  const t = useT();
  const feedback = useFeedback();
  const pending = usePending();
  const decide = useDecide();
  const [refusing, setRefusing] = useState<PendingData | null>(null);
  return (
    <>
      <PageHeader
        title={t('rooms.approvals.title')}
        subtitle={t('rooms.approvals.subtitle')}
        extra={
          <Space wrap>
            <Link to="/rooms/spaces">{t('rooms.spaces.title')}</Link>
            <Link to="/rooms/utilisation" data-testid="util-link">
              {t('rooms.util.title')}
            </Link>
          </Space>
        }
      />
      <ErrorAlert error={pending.error} onRetry={() => void pending.refetch()} />
      <Table<PendingData>
        rowKey="id"
        size="small"
        loading={pending.isPending}
        dataSource={pending.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('rooms.approvals.empty')} /> }}
        data-testid="approval-table"
        onRow={() => ({ 'data-testid': 'approval-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('rooms.date'),
            key: 'when',
            render: (_: unknown, b) => `${cnDate(b.startsAt)} ${cnTime(b.startsAt)}–${cnTime(b.endsAt)}`,
          },
          {
            title: t('rooms.space'),
            key: 'space',
            render: (_: unknown, b) => `${b.spaceName} · ${b.partName}`,
          },
          { title: t('rooms.purpose'), dataIndex: 'title' },
          { title: t('rooms.attendees'), dataIndex: 'attendees' },
          { title: t('rooms.approvals.booker'), dataIndex: 'bookerName' },
          {
            title: '',
            key: 'series',
            render: (_: unknown, b) => (b.seriesId ? <Tag>{t('rooms.series')}</Tag> : null),
          },
          {
            title: '',
            key: 'act',
            render: (_: unknown, b) => (
              <Space>
                <Popconfirm
                  title={b.seriesId ? t('rooms.approvals.approveSeriesAsk') : t('rooms.approvals.approveAsk')}
                  okText={b.seriesId ? t('rooms.cancelFollowing') : t('rooms.approvals.approve')}
                  cancelText={b.seriesId ? t('rooms.cancelThis') : t('common.cancel')}
                  onConfirm={() =>
                    decide
                      .mutateAsync({ id: b.id, approve: true, scope: b.seriesId ? 'following' : 'this' })
                      .then(() => feedback.ok(t('rooms.approvals.approved')), feedback.fail)
                  }
                  onCancel={() =>
                    b.seriesId &&
                    decide
                      .mutateAsync({ id: b.id, approve: true, scope: 'this' })
                      .then(() => feedback.ok(t('rooms.approvals.approved')), feedback.fail)
                  }
                >
                  <Button size="small" type="primary" data-testid="approval-approve">
                    {t('rooms.approvals.approve')}
                  </Button>
                </Popconfirm>
                <Button size="small" danger onClick={() => setRefusing(b)} data-testid="approval-refuse">
                  {t('rooms.approvals.refuse')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RefuseModal booking={refusing} onClose={() => setRefusing(null)} />
    </>
  );
}

function RefuseModal({ booking, onClose }: { booking: PendingData | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const decide = useDecide();
  const [form] = Form.useForm<{ reason: string; scope: 'this' | 'following' }>();
  const submit = async ({ reason, scope }: { reason: string; scope?: 'this' | 'following' }) => {
    if (!booking) return;
    try {
      await decide.mutateAsync({ id: booking.id, approve: false, reason: reason.trim(), scope: scope ?? 'this' });
      feedback.ok(t('rooms.approvals.refused'));
      form.resetFields();
      onClose();
    } catch (error) {
      if (!applyServerErrors(form, error)) feedback.fail(error);
    }
  };
  return (
    <Modal
      open={booking != null}
      onCancel={onClose}
      title={booking ? `${t('rooms.approvals.refuse')} · ${booking.title ?? ''}` : ''}
      okText={t('rooms.approvals.refuse')}
      okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'refuse-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ scope: 'this' }}>
        {booking?.seriesId && (
          <Form.Item name="scope" label={t('rooms.move.scope')}>
            <Radio.Group
              options={[
                { value: 'this', label: t('rooms.cancelThis') },
                { value: 'following', label: t('rooms.move.following') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('rooms.approvals.reason')}
          extra={t('rooms.approvals.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('rooms.approvals.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} data-testid="refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
