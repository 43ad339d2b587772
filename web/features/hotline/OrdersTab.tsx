// The work-order list: filters (status, unreasonable, text, area), keyset pages, a drawer per order, and the reply export.
import { useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { useCursorList } from '../../lib/useCursorList';
import { useDebounced } from '../../lib/useDebounced';
import { useFeedback } from '../../lib/useFeedback';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { downloadReplies, HOTLINE_KEY, HOTLINE_PATH, type Order } from './api';
import { useOrderColumns } from './labels';
import { OrderDrawer } from './OrderDrawer';

export function OrdersTab() {
  const t = useT();
  const feedback = useFeedback();
  const [status, setStatus] = useState<string | undefined>();
  const [unreasonable, setUnreasonable] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [area, setArea] = useState<NodeOption | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const q = useDebounced(text.trim());
  const list = useCursorList<Order>([...HOTLINE_KEY, 'orders'], `${HOTLINE_PATH}/orders`, {
    status,
    unreasonable,
    q: q || undefined,
    nodeId: area?.value,
  });
  const columns = useOrderColumns();
  const exportReplies = () =>
    void downloadReplies(
      range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].add(1, 'day').format('YYYY-MM-DD') } : {},
    ).catch(feedback.fail);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('hotline.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('hotline.allStatuses')}
          aria-label={t('hotline.allStatuses')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={(['created', 'pending_address', 'pending_category'] as const).map((s) => ({
            value: s,
            label: t(`hotline.status.${s}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('hotline.unreasonable')}
          aria-label={t('hotline.unreasonable')}
          value={unreasonable}
          onChange={setUnreasonable}
          style={{ width: 150 }}
          options={(['proposed', 'approved', 'refused'] as const).map((s) => ({
            value: s,
            label: t(`hotline.unreasonable.${s}`),
          }))}
        />
        <NodePicker
          value={area}
          onChange={setArea}
          kinds={['street', 'community', 'grid']}
          placeholder={t('hotline.rates.area')}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
        <Button icon={<DownloadOutlined />} onClick={exportReplies}>
          {t('hotline.exportReplies')}
        </Button>
      </Space>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <Table<Order>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('hotline.empty') }}
        onRow={(o) => ({ onClick: () => setOpen(o.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
      />
      <LoadMore
        hasMore={list.hasMore}
        loading={list.isLoadingMore}
        onLoadMore={list.loadMore}
        count={list.items.length}
      />
      <OrderDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
