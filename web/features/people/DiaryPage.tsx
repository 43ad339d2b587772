// The field diary (/people/diary): a month of entries in scope, a short form to record one, turning one into a case,
// and the grid's monthly ledger generated from the entries and visits. A record of work: no clock-in, no ranking.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Form, Input, List, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { DownloadOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { STAFF_CATEGORY_IDS, TID } from '../../app/testids';
import { CategoryPicker } from '../../components/CategoryPicker';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { applyServerErrors } from '../../lib/formErrors';
import type { Page, TerritoryNode } from '../../lib/types';
import { useDebounced } from '../../lib/useDebounced';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { canEditPeople } from './access';
import { MyDayCard } from './MyDayCard';
import {
  chinaToday,
  diaryToCase,
  downloadLedger,
  PEOPLE_KEY,
  searchResidents,
  useCreateDiary,
  useDiary,
  type CreateDiaryBody,
  type DiaryEntry,
} from './api';

/** Nodes of one kind in scope matching a search, for pickers. */
function useNodes(kind: 'grid' | 'household', q: string, enabled = true) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'node-pick', kind, q],
    queryFn: () =>
      api.get<Page<TerritoryNode>>('/api/territory/nodes', { kind, q: q || undefined, limit: 50 }).then((p) => p.items),
    enabled,
  });
}

export function DiaryPage() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const ownGrid = me.bindings.find((b) => b.role === 'grid_worker')?.nodeId ?? undefined;
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const [gridId, setGridId] = useState<number | undefined>(ownGrid);
  const [mine, setMine] = useState(false);
  const [writing, setWriting] = useState(false);
  const [toCase, setToCase] = useState<DiaryEntry | null>(null);
  const grids = useNodes('grid', '', !ownGrid);
  const diary = useDiary(month, gridId, mine);

  const onLedger = () => {
    if (!gridId) return feedback.fail(new Error(t('diary.ledgerNeedsGrid')));
    downloadLedger(gridId, month).catch(feedback.fail);
  };

  return (
    <div data-testid={TID.diaryPage}>
      <PageHeader
        title={t('diary.title')}
        extra={
          <>
            {canEditPeople(me) && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setWriting(true)}
                data-testid={TID.diaryNew}
              >
                {t('diary.new')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={onLedger} data-testid={TID.diaryLedger}>
              {t('diary.ledger')}
            </Button>
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('diary.hint')}</Typography.Paragraph>
      <MyDayCard />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          type="month"
          value={month}
          max={chinaToday().slice(0, 7)}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
          style={{ width: 160 }}
          aria-label={t('diary.month')}
        />
        {!ownGrid && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('diary.grid')}
            aria-label={t('diary.grid')}
            value={gridId}
            onChange={(v?: number) => setGridId(v)}
            options={(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            style={{ width: 200 }}
          />
        )}
        <Space>
          <Switch size="small" checked={mine} onChange={setMine} aria-label={t('diary.mine')} />
          <span>{t('diary.mine')}</span>
        </Space>
      </Space>
      <ErrorAlert error={diary.error} onRetry={() => void diary.refetch()} />
      <List
        loading={diary.isPending && !diary.isError}
        dataSource={diary.data ?? []}
        locale={{ emptyText: <EmptyText description={t('diary.empty')} /> }}
        renderItem={(e) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={TID.diaryItem}>
            <Space wrap size={4} style={{ marginBottom: 4 }}>
              <Typography.Text strong>{e.occurredOn}</Typography.Text>
              <Typography.Text type="secondary">
                {[e.gridName, e.householdName, e.place].filter(Boolean).join(' · ')}
              </Typography.Text>
              {e.residents.map((r) => (
                <Tag key={r.id}>{r.name}</Tag>
              ))}
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.content}</Typography.Paragraph>
            {e.followUp && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginBottom: 4 }}
              >{`${t('diary.followUp')}：${e.followUp}`}</Typography.Paragraph>
            )}
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.authorName}
              </Typography.Text>
              {e.caseId ? (
                <Link to={`/cases/${e.caseId}`}>{t('diary.caseLinked', { id: e.caseId })}</Link>
              ) : (
                canEditPeople(me) && (
                  <Button
                    size="small"
                    icon={<FormOutlined />}
                    onClick={() => setToCase(e)}
                    data-testid={TID.diaryToCase}
                  >
                    {t('diary.toCase')}
                  </Button>
                )
              )}
            </Space>
          </Card>
        )}
      />
      <DiaryForm open={writing} gridId={gridId} onClose={() => setWriting(false)} />
      {toCase && <ToCaseModal entry={toCase} onClose={() => setToCase(null)} onDone={() => void diary.refetch()} />}
    </div>
  );
}

type Values = {
  occurredOn: string;
  householdNodeId?: number;
  place?: string;
  residentIds?: number[];
  content: string;
  followUp?: string;
};

function DiaryForm({ open, gridId, onClose }: { open: boolean; gridId: number | undefined; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [householdQ, setHouseholdQ] = useState('');
  const [residentQ, setResidentQ] = useState('');
  const hq = useDebounced(householdQ);
  const rq = useDebounced(residentQ);
  const households = useNodes('household', hq, open && hq.trim().length > 0);
  const people = useQuery({
    queryKey: [...PEOPLE_KEY, 'resident-pick', rq],
    queryFn: () => searchResidents(rq),
    enabled: open && rq.trim().length > 0,
  });
  const create = useCreateDiary();
  const onFinish = (v: Values) => {
    const body: CreateDiaryBody = {
      ...v,
      residentIds: v.residentIds ?? [],
      gridId: v.householdNodeId ? undefined : gridId,
    };
    create.mutate(body, {
      onSuccess: () => {
        feedback.ok(t('diary.saved'));
        form.resetFields();
        onClose();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error)) feedback.fail(error);
      },
    });
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('diary.new')}
      placement={isMobile ? 'bottom' : 'right'}
      height={isMobile ? '92%' : undefined}
      width={isMobile ? undefined : 480}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ occurredOn: chinaToday() }}>
        <Form.Item
          name="occurredOn"
          label={t('diary.occurredOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="householdNodeId" label={t('diary.household')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setHouseholdQ}
            placeholder={t('people.householdPick')}
            options={(households.data ?? []).map((n) => ({ value: n.id, label: `${n.name}（${n.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('diary.place')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="residentIds" label={t('diary.residents')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setResidentQ}
            placeholder={t('diary.residentsSearch')}
            options={(people.data ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.householdName}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('diary.content')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid={TID.diaryContent} />
        </Form.Item>
        <Form.Item name="followUp" label={t('diary.followUp')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={create.isPending}
          data-testid={TID.diarySubmit}
        >
          {t('common.save')}
        </Button>
      </Form>
    </Drawer>
  );
}

function ToCaseModal({ entry, onClose, onDone }: { entry: DiaryEntry; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!code) return;
    setBusy(true);
    try {
      const r = await diaryToCase(entry.id, code);
      feedback.ok(t('diary.caseLinked', { id: r.caseId }));
      onDone();
      onClose();
    } catch (error) {
      feedback.fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('diary.toCaseTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !code }}
      confirmLoading={busy}
      okText={t('diary.toCase')}
      cancelText={t('common.cancel')}
      width={640}
    >
      <Alert type="info" style={{ marginBottom: 12 }} message={entry.content} />
      <CategoryPicker
        ids={STAFF_CATEGORY_IDS}
        searchLabel={t('report.categorySearch')}
        value={code}
        onChange={setCode}
      />
    </Modal>
  );
}
