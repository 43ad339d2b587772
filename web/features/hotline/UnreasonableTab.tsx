// Approvals of unreasonable requests (不合理诉求): each proposal with its reason, confirmed or refused with a note.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Table } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { useCursorList } from '../../lib/useCursorList';
import { useFeedback } from '../../lib/useFeedback';
import { HOTLINE_KEY, HOTLINE_PATH, useDecide, type Order } from './api';
import { useOrderColumns } from './labels';

export function UnreasonableTab() {
  const t = useT();
  const list = useCursorList<Order>([...HOTLINE_KEY, 'orders'], `${HOTLINE_PATH}/orders`, { unreasonable: 'proposed' });
  const [deciding, setDeciding] = useState<{ order: Order; approve: boolean } | null>(null);
  const columns = useOrderColumns().filter((c) => c.key !== 'status');
  return (
    <>
      <Alert type="info" showIcon message={t('hotline.unreasonable.hint')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <Table<Order>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('hotline.unreasonable.empty') }}
        scroll={{ x: 1000 }}
        columns={[
          ...columns,
          { title: t('hotline.unreasonable.reason'), dataIndex: 'unreasonableReason', ellipsis: true },
          {
            key: 'act',
            width: 170,
            render: (_, o) => (
              <Space>
                <Button size="small" danger onClick={() => setDeciding({ order: o, approve: true })}>
                  {t('hotline.unreasonable.approve')}
                </Button>
                <Button size="small" onClick={() => setDeciding({ order: o, approve: false })}>
                  {t('hotline.unreasonable.refuse')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <LoadMore
        hasMore={list.hasMore}
        loading={list.isLoadingMore}
        onLoadMore={list.loadMore}
        count={list.items.length}
      />
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecideModal({ order, approve, onClose }: { order: Order; approve: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const decide = useDecide();
  const [note, setNote] = useState('');
  const submit = () =>
    decide.mutate(
      { id: order.id, body: { approve, note: note.trim() || undefined } },
      { onSuccess: onClose, onError: feedback.fail },
    );
  return (
    <Modal
      open
      title={`${approve ? t('hotline.unreasonable.approve') : t('hotline.unreasonable.refuse')} · ${order.orderNo}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={decide.isPending}
      okButtonProps={{ danger: approve }}
    >
      <p>{order.unreasonableReason}</p>
      <Input.TextArea
        rows={3}
        maxLength={500}
        placeholder={t('hotline.unreasonable.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}
