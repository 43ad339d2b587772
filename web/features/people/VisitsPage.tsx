// Home visits (/people/visits): who is overdue and who is due within a week, and a short phone-friendly visit form
// (走、看、听、问、记、办, findings, next step); a finding that needs action can become a case report.
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  List,
  Result,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { newIdempotencyKey, type ReportDraft } from '../cases/report/useReportDraft';
import { canRevealPeople } from './access';
import { chinaToday, PEOPLE_KEY, useDue, useRecordVisit, type DueItem } from './api';
import { discardVisit, useVisitQueue } from './offlineVisits';
import { useQueryClient } from '@tanstack/react-query';
import { CareTag } from './labels';

const PARTS = ['walk', 'look', 'listen', 'ask', 'note', 'act'] as const;
type Part = (typeof PARTS)[number];
type Values = Record<Part, string | undefined> & {
  visitedOn: string;
  findings?: string;
  nextStep?: string;
  needsAction?: boolean;
};

export function VisitsPage() {
  const t = useT();
  const me = useMe();
  // Grid workers see their own list by default; community workers and above the whole scope.
  const [mineOnly, setMineOnly] = useState(!canRevealPeople(me));
  const [open, setOpen] = useState<DueItem | null>(null);
  const due = useDue(7, mineOnly);
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const onSynced = useCallback(() => {
    feedback.ok(t('visits.synced'));
    void queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
  }, [feedback, queryClient, t]);
  const queue = useVisitQueue(me.id, onSynced);
  const items = due.data ?? [];
  const overdue = items.filter((i) => i.overdue);
  const soon = items.filter((i) => !i.overdue);

  const section = (title: string, list: DueItem[], testId: string) => (
    <Card size="small" title={`${title}（${list.length}）`} style={{ marginBottom: 12 }} data-testid={testId}>
      <List
        dataSource={list}
        locale={{ emptyText: <EmptyText description={t('visits.empty')} /> }}
        renderItem={(item) => (
          <List.Item
            data-testid={TID.visitItem}
            data-name={item.name}
            actions={[
              <Button key="record" type="primary" size="small" onClick={() => setOpen(item)}>
                {t('visits.record')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{item.name}</span>
                  <CareTag level={item.level} />
                </Space>
              }
              description={
                <>
                  <div>{item.householdName}</div>
                  <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {t('care.dueOn')} {item.dueOn}
                    {item.lastVisitOn ? ` · ${t('care.lastVisit')} ${item.lastVisitOn}` : ''}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );

  return (
    <div data-testid={TID.visitsPage}>
      <PageHeader
        title={t('visits.title')}
        extra={
          <Space>
            <Switch checked={mineOnly} onChange={setMineOnly} size="small" aria-label={t('visits.mineOnly')} />
            <span>{t('visits.mineOnly')}</span>
          </Space>
        }
      />
      {queue.items.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={TID.visitPending}
          data-count={queue.items.length}
          message={t('visits.pending', { count: queue.items.length })}
          description={queue.items
            .filter((v) => v.error)
            .map((v) => (
              <div key={v.key}>
                {v.name} {v.body.visitedOn}：{t('visits.failed', { message: v.error ?? '' })}{' '}
                <Button size="small" type="link" onClick={() => discardVisit(me.id, v.key)}>
                  {t('visits.discard')}
                </Button>
              </div>
            ))}
          action={
            <Button size="small" onClick={() => void queue.flush()}>
              {t('visits.syncNow')}
            </Button>
          }
        />
      )}
      <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />
      {due.isPending ? (
        <Spin />
      ) : (
        <>
          {section(t('visits.overdue'), overdue, TID.visitsOverdue)}
          {section(t('visits.due'), soon, TID.visitsDue)}
        </>
      )}
      <VisitDrawer item={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function VisitDrawer({ item, onClose }: { item: DueItem | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      title={item ? `${t('visits.record')} · ${item.name}` : ''}
      placement={isMobile ? 'bottom' : 'right'}
      height={isMobile ? '92%' : undefined}
      width={isMobile ? undefined : 480}
      destroyOnHidden
    >
      {item && <VisitForm key={item.residentId} item={item} onClose={onClose} />}
    </Drawer>
  );
}

function VisitForm({ item, onClose }: { item: DueItem; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const canReport = useCan('cases.report');
  const [form] = Form.useForm<Values>();
  const record = useRecordVisit(me.id, item.residentId, item.name);
  const [missing, setMissing] = useState(false);
  const [followUp, setFollowUp] = useState<string | null>(null);

  const onFinish = (values: Values) => {
    const lines = PARTS.filter((p) => values[p]?.trim()).map((p) => `${t(`visits.${p}`)}：${values[p]!.trim()}`);
    if (values.findings?.trim()) lines.push(`${t('visits.findings')}：${values.findings.trim()}`);
    if (values.nextStep?.trim()) lines.push(`${t('visits.nextStep')}：${values.nextStep.trim()}`);
    if (lines.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    record.mutate(
      { visitedOn: values.visitedOn, note: lines.join('\n') },
      {
        onSuccess: (result) => {
          feedback.ok(result.queued ? t('visits.queued') : t('visits.saved'));
          if (values.needsAction && values.findings?.trim() && canReport) setFollowUp(values.findings.trim());
          else onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) feedback.fail(error);
        },
      },
    );
  };

  /** Hands the finding to the report form through its localStorage draft (the form restores it on open). */
  const toCase = (findings: string) => {
    const draft: ReportDraft = {
      key: newIdempotencyKey(),
      categoryCode: null,
      location: null,
      // The household's name is its room and the description may become public: the resident is linked instead.
      address: '',
      description: findings,
      residentId: item.residentId,
      photos: [],
      solvedOnSpot: false,
      anonymous: false,
      attempted: false,
    };
    try {
      window.localStorage.setItem(`jiayuan.reportDraft.${me.id}`, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the report form opens empty.
    }
    void navigate('/cases/new');
  };

  if (followUp !== null) {
    return (
      <Result
        status="success"
        title={t('visits.saved')}
        subTitle={followUp}
        extra={
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button
              type="primary"
              block
              icon={<FormOutlined />}
              onClick={() => toCase(followUp)}
              data-testid={TID.visitToCase}
            >
              {t('visits.toCase')}
            </Button>
            <Button block onClick={onClose}>
              {t('import.close')}
            </Button>
          </Space>
        }
      />
    );
  }

  const text = (name: Part | 'findings' | 'nextStep', label: string, testId: string) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 10 }}>
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ visitedOn: chinaToday() }}
      data-testid={TID.visitForm}
    >
      <Form.Item
        name="visitedOn"
        label={t('visits.visitedOn')}
        rules={[{ required: true, message: t('common.required') }]}
        style={{ marginBottom: 10 }}
      >
        <Input type="date" max={chinaToday()} />
      </Form.Item>
      {PARTS.map((p) => text(p, t(`visits.${p}`), TID.visitField(p)))}
      {text('findings', t('visits.findings'), TID.visitFindings)}
      {text('nextStep', t('visits.nextStep'), TID.visitNext)}
      {canReport && (
        <Form.Item name="needsAction" valuePropName="checked" style={{ marginBottom: 10 }}>
          <Checkbox data-testid={TID.visitNeedsAction}>{t('visits.needsAction')}</Checkbox>
        </Form.Item>
      )}
      {missing && <Alert type="warning" showIcon message={t('visits.required')} style={{ marginBottom: 10 }} />}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={record.isPending}
        data-testid={TID.visitSubmit}
      >
        {t('visits.record')}
      </Button>
    </Form>
  );
}
