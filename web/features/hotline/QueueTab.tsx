// The unresolved queue: orders whose address (or type) could not be placed; a person picks the grid, estate or building.
import { useState } from 'react';
import { Alert, Button, Form, Modal, Segmented, Select, Table } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { useCursorList } from '../../lib/useCursorList';
import { useFeedback } from '../../lib/useFeedback';
import { useCategories } from '../cases/api';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { HOTLINE_KEY, HOTLINE_PATH, useResolve, type Order } from './api';
import { useOrderColumns } from './labels';

export function QueueTab() {
  const t = useT();
  const [status, setStatus] = useState<'pending_address' | 'pending_category'>('pending_address');
  const list = useCursorList<Order>([...HOTLINE_KEY, 'orders'], `${HOTLINE_PATH}/orders`, { status });
  const [picking, setPicking] = useState<Order | null>(null);
  const columns = useOrderColumns().filter((c) => c.key !== 'case');
  return (
    <>
      <Alert type="info" showIcon message={t('hotline.queue.hint')} style={{ marginBottom: 12 }} />
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={(['pending_address', 'pending_category'] as const).map((s) => ({
          value: s,
          label: t(`hotline.status.${s}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <Table<Order>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t('hotline.queue.empty') }}
        scroll={{ x: 900 }}
        columns={[
          ...columns,
          {
            key: 'act',
            width: 110,
            render: (_, o) => (
              <Button size="small" type="primary" onClick={() => setPicking(o)}>
                {t('hotline.queue.resolve')}
              </Button>
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
      {picking && <ResolveModal order={picking} onClose={() => setPicking(null)} />}
    </>
  );
}

function ResolveModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const resolve = useResolve();
  const categories = useCategories();
  const [form] = Form.useForm<{ node: NodeOption; categoryCode?: string }>();
  // Work orders carry an address, not a map point: only categories that need no point can take them.
  const options = (categories.data ?? [])
    .filter((c) => c.parentCode && !c.requiredFields.includes('location'))
    .map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  const submit = async () => {
    const v = await form.validateFields();
    resolve.mutate(
      { id: order.id, body: { nodeId: v.node.value, categoryCode: v.categoryCode } },
      { onSuccess: () => (feedback.ok(t('hotline.queue.done')), onClose()), onError: feedback.fail },
    );
  };
  return (
    <Modal
      open
      title={`${t('hotline.queue.resolve')} · ${order.orderNo}`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={resolve.isPending}
      destroyOnHidden
    >
      <p>{order.address}</p>
      <Form form={form} layout="vertical" initialValues={{ categoryCode: order.categoryCode ?? undefined }}>
        <Form.Item name="node" label={t('hotline.queue.node')} rules={[{ required: true }]}>
          <NodePicker kinds={['grid', 'estate', 'building']} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('hotline.queue.category')} rules={[{ required: !order.categoryCode }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={categories.isPending} allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
