// The business calendar for district administrators: a year's holidays and make-up working days (调休), the working
// hours time limits count in, and manual overrides of single dates (added, changed, removed with confirmation).
import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormSave } from '../../lib/useFormSave';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { useCalendarYear, useClearCalendarDay, useSetCalendarDay, type CalendarDayData } from './api';

type Values = { date: Dayjs; workday: boolean; name?: string };
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function OverrideModal({
  open,
  initial,
  onClose,
}: {
  open: boolean;
  initial: Partial<Values> | null;
  onClose: () => void;
}) {
  const t = useT();
  const set = useSetCalendarDay();
  const [form] = Form.useForm<Values>();
  const saveForm = useFormSave(form, { date: 'date' });
  const submit = (v: Values) =>
    saveForm(
      () =>
        set.mutateAsync({ date: v.date.format('YYYY-MM-DD'), workday: v.workday, name: v.name?.trim() || undefined }),
      t('common.saved'),
      onClose,
    );
  return (
    <Modal
      open={open}
      title={t('admin.calendar.override')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={set.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'calendar-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ workday: false, ...initial }}
        preserve={false}
      >
        <Form.Item
          name="date"
          label={t('admin.calendar.date')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="calendar-date" />
        </Form.Item>
        <Form.Item name="workday" label={t('admin.calendar.dayType')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: false, label: t('admin.calendar.dayOff') },
              { value: true, label: t('admin.calendar.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.calendar.name')}
          extra={t('admin.calendar.nameHint')}
          rules={[{ max: 50 }]}
        >
          <Input maxLength={50} data-testid="calendar-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CalendarPage() {
  const t = useT();
  const feedback = useFeedback();
  const isMobile = useIsMobile();
  const [year, setYear] = useState(() => dayjs().year());
  const cal = useCalendarYear(year);
  const clear = useClearCalendarDay();
  const [editing, setEditing] = useState<Partial<Values> | null>(null);

  const remove = async (date: string) => {
    try {
      await clear.mutateAsync(date);
      feedback.ok(t('admin.calendar.removed'));
    } catch (error) {
      feedback.fail(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.calendar.title')}
        subtitle={t('admin.calendar.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ date: year === dayjs().year() ? dayjs() : dayjs(`${year}-01-01`) })}
            data-testid="calendar-add"
          >
            {t('admin.calendar.override')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} title={t('admin.calendar.hours')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'hours',
              label: t('admin.calendar.workingDay'),
              children: (
                <Space wrap data-testid="calendar-hours">
                  {(cal.data?.workingHours ?? []).map((p) => (
                    <Tag key={p.start}>
                      {p.start}–{p.end}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('admin.calendar.hoursHint')}</Typography.Text>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <Button
              size="small"
              icon={<LeftOutlined />}
              aria-label={t('admin.calendar.prevYear')}
              onClick={() => setYear((y) => y - 1)}
            />
            <span data-testid="calendar-year">{t('admin.calendar.year', { year })}</span>
            <Button
              size="small"
              icon={<RightOutlined />}
              aria-label={t('admin.calendar.nextYear')}
              onClick={() => setYear((y) => y + 1)}
            />
          </Space>
        }
      >
        <ErrorAlert error={cal.error} onRetry={() => void cal.refetch()} />
        <Typography.Paragraph type="secondary">{t('admin.calendar.listHint')}</Typography.Paragraph>
        <Table<CalendarDayData>
          rowKey="date"
          size="small"
          loading={cal.isPending}
          dataSource={cal.data?.items ?? []}
          // A year has some thirty such days: one list, in date order, reads better than pages.
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyText description={t('admin.calendar.empty')} /> }}
          data-testid="calendar-table"
          columns={[
            {
              title: t('admin.calendar.date'),
              dataIndex: 'date',
              sorter: (a, b) => a.date.localeCompare(b.date),
              defaultSortOrder: 'ascend',
              render: (d: string) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {isMobile ? d.slice(5) : d} {t(`admin.calendar.wd.${WEEKDAY_KEYS[dayjs(d).day()]!}`)}
                </span>
              ),
            },
            {
              title: t('admin.calendar.dayType'),
              dataIndex: 'workday',
              filters: [
                { text: t('admin.calendar.dayOff'), value: false },
                { text: t('admin.calendar.workday'), value: true },
              ],
              onFilter: (v, r) => r.workday === v,
              render: (w: boolean) =>
                w ? (
                  <Tag color="blue">{t('admin.calendar.makeUp')}</Tag>
                ) : (
                  <Tag color="red">{t('admin.calendar.dayOff')}</Tag>
                ),
            },
            {
              title: t('admin.calendar.name'),
              dataIndex: 'name',
              render: (n: string | null, d) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {n ?? '—'}
                  {isMobile && d.source === 'manual' && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      {t('admin.calendar.source.manual')}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              title: t('admin.calendar.source'),
              dataIndex: 'source',
              responsive: ['md'],
              filters: [
                { text: t('admin.calendar.source.chinese-days'), value: 'chinese-days' },
                { text: t('admin.calendar.source.manual'), value: 'manual' },
              ],
              onFilter: (v, r) => r.source === v,
              render: (s: CalendarDayData['source']) =>
                s === 'manual' ? (
                  <Tag color="orange">{t('admin.calendar.source.manual')}</Tag>
                ) : (
                  t('admin.calendar.source.chinese-days')
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_: unknown, d: CalendarDayData) => (
                <Space size={4}>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing({ date: dayjs(d.date), workday: !d.workday, name: d.name ?? undefined })}
                  >
                    {t('admin.calendar.change')}
                  </Button>
                  {d.source === 'manual' && (
                    <Popconfirm
                      title={t('admin.calendar.removeConfirm', { date: d.date })}
                      description={t('admin.calendar.removeHint')}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true, 'data-testid': 'calendar-remove-ok' }}
                      onConfirm={() => remove(d.date)}
                    >
                      <Button size="small" type="link" danger data-testid={`calendar-remove-${d.date}`}>
                        {t('admin.calendar.remove')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <OverrideModal open={editing != null} initial={editing} onClose={() => setEditing(null)} />
    </>
  );
}
