// The staff wish page (/wishes): the approve/refuse queue, all wishes with their states, and the figures.
import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { WISH_STATUSES, type WishListItem, type WishStatus } from '../../../contracts/wishes';
import { useLanguage, useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/useFeedback';
import { useDecide, useFigures, useWishList } from './api';
import { useCategoryLabel, WishStatusTag } from './parts';

function DecideButtons({ id }: { id: number }) {
  const t = useT();
  const decide = useDecide(id);
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Space>
      <Button
        type="primary"
        size="small"
        loading={decide.isPending}
        data-testid={`wish-approve-${id}`}
        onClick={() => decide.mutateAsync({ decision: 'approve' }).catch((e: unknown) => feedback.fail(e))}
      >
        {t('wish.approve')}
      </Button>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid={`wish-refuse-${id}`}>
        {t('wish.refuse')}
      </Button>
      <Modal
        open={open}
        title={t('wish.refuse')}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          decide
            .mutateAsync({ decision: 'refuse', reason: reason.trim() })
            .then(() => setOpen(false))
            .catch((e: unknown) => feedback.fail(e))
        }
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('wish.reason')}
          placeholder={t('wish.reason')}
        />
      </Modal>
    </Space>
  );
}

function WishTable({ status, decide }: { status?: WishStatus; decide?: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  const cat = useCategoryLabel();
  const list = useWishList('staff', status);
  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <Table<WishListItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t(decide ? 'wish.emptyQueue' : 'wish.emptyAll') }}
        columns={[
          { title: t('wish.text'), dataIndex: 'text' },
          { title: t('wish.category'), dataIndex: 'category', render: cat },
          { title: t('wish.value'), dataIndex: 'value' },
          {
            title: t('wish.by'),
            dataIndex: 'residentName',
            render: (n: string, w) => (w.onBehalf ? `${n}（${t('wish.onBehalf')}）` : n),
          },
          { title: t('wish.claimer'), dataIndex: 'claimerName' },
          { title: t('wish.postedAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d, language) },
          decide
            ? { title: '', key: 'decide', render: (_: unknown, w) => <DecideButtons id={w.id} /> }
            : { title: t('wish.state'), dataIndex: 'status', render: (s: WishStatus) => <WishStatusTag status={s} /> },
        ]}
      />
      {list.hasMore && (
        <Button block onClick={list.loadMore} style={{ marginTop: 8 }}>
          {t('wish.loadMore')}
        </Button>
      )}
    </>
  );
}

function AllWishes() {
  const t = useT();
  const [status, setStatus] = useState<WishStatus | undefined>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        aria-label={t('wish.all')}
        placeholder={t('wish.all')}
        style={{ width: 180 }}
        value={status}
        onChange={setStatus}
        options={WISH_STATUSES.map((s) => ({ value: s, label: t(`wish.status.${s}`) }))}
      />
      <WishTable status={status} />
    </Space>
  );
}

function Figures() {
  const t = useT();
  const me = useMe();
  const nodeId = me.bindings.find((b) => b.nodeId != null && b.role !== 'resident')?.nodeId ?? null;
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year'), dayjs().add(1, 'day')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const f = useFigures(nodeId, from, to);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        aria-label={t('wish.figures')}
      />
      <ErrorAlert error={f.error} onRetry={() => void f.refetch()} />
      <Row gutter={[16, 16]} data-testid="wish-figures">
        {(['posted', 'approved', 'claimed', 'fulfilled'] as const).map((k) => (
          <Col key={k} xs={12} md={4}>
            <Statistic title={t(`wish.fig.${k}`)} value={f.data?.[k] ?? '—'} />
          </Col>
        ))}
        <Col xs={24} md={8}>
          <Statistic title={t('wish.fig.median')} value={f.data?.medianDaysToFulfil ?? '—'} />
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('wish.fig.formula')}</Typography.Text>
    </Space>
  );
}

export function WishesPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('wish.title')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'queue', label: t('wish.queue'), children: <WishTable status="pending" decide /> },
            { key: 'all', label: t('wish.all'), children: <AllWishes /> },
            { key: 'figures', label: t('wish.figures'), children: <Figures /> },
          ]}
        />
      </Card>
    </>
  );
}
