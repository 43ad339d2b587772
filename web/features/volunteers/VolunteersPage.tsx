// The staff page of volunteers (/volunteers): activities (publish one with a shift, confirm a shift's attendance and
// hours as its organiser), teams, and the volunteers of the area with skills, certificates and hours.
import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { ACTIVITY_TYPES, CERTIFICATE_KINDS } from '../../../contracts/volunteers';
import { useMe } from '../../app/session';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { cnDate, cnTime, instant } from '../rooms/time';
import {
  useActivities,
  useAttendance,
  useConfirmAttendance,
  useCreateActivity,
  useCreateTeam,
  useTeams,
  useVolunteers,
  type ActivityData,
  type ShiftData,
} from './api';

export function VolunteersPage() {
  const t = useT();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('vol.staff.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'a', label: t('vol.tab.activities'), children: <Activities /> },
          { key: 't', label: t('vol.tab.teams'), children: <Teams /> },
          { key: 'v', label: t('vol.tab.volunteers'), children: <Volunteers /> },
        ]}
      />
    </Space>
  );
}

type NewActivity = {
  title: string;
  activityType: (typeof ACTIVITY_TYPES)[number];
  place?: string;
  requiredCertificate?: (typeof CERTIFICATE_KINDS)[number] | null;
  teamId?: number | null;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  capacity: number;
};

function Activities() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const list = useActivities('managed');
  const teams = useTeams();
  const create = useCreateActivity();
  const [form] = Form.useForm<NewActivity>();
  const [open, setOpen] = useState<{ a: ActivityData; s: ShiftData } | null>(null);
  const communityId = me.bindings.find((b) => b.nodeId != null)?.nodeId ?? 0;
  const submit = (v: NewActivity) => {
    const date = v.date.format('YYYY-MM-DD');
    return create
      .mutateAsync({
        nodeId: communityId,
        title: v.title,
        activityType: v.activityType,
        place: v.place || null,
        requiredCertificate: v.requiredCertificate ?? null,
        teamId: v.teamId ?? null,
        shifts: [
          {
            startsAt: instant(date, v.start.format('HH:mm')),
            endsAt: instant(date, v.end.format('HH:mm')),
            capacity: v.capacity,
          },
        ],
      })
      .then(() => {
        feedback.ok(t('vol.created'));
        form.resetFields();
      }, feedback.fail);
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('vol.new')}>
        <Form
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ activityType: 'elderly_care', capacity: 5 }}
        >
          <Form.Item name="title" label={t('vol.field.title')} rules={[{ required: true }]}>
            <Input data-testid="vol-new-title" />
          </Form.Item>
          <Form.Item name="activityType" label={t('vol.field.type')}>
            <Select
              style={{ width: 120 }}
              aria-label={t('vol.field.type')}
              options={ACTIVITY_TYPES.map((k) => ({ value: k, label: t(`vol.type.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="place" label={t('vol.field.place')}>
            <Input />
          </Form.Item>
          <Form.Item name="requiredCertificate" label={t('vol.field.cert')}>
            <Select
              allowClear
              style={{ width: 130 }}
              aria-label={t('vol.field.cert')}
              placeholder={t('vol.none')}
              options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(`vol.cert.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="teamId" label={t('vol.field.team')}>
            <Select
              allowClear
              style={{ width: 140 }}
              aria-label={t('vol.field.team')}
              placeholder={t('vol.none')}
              options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="date" label={t('vol.field.date')} rules={[{ required: true }]}>
            <DatePicker data-testid="vol-new-date" />
          </Form.Item>
          <Form.Item name="start" label={t('vol.field.start')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" data-testid="vol-new-start" />
          </Form.Item>
          <Form.Item name="end" label={t('vol.field.end')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" data-testid="vol-new-end" />
          </Form.Item>
          <Form.Item name="capacity" label={t('vol.field.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} data-testid="vol-new-capacity" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="vol-new-submit">
            {t('vol.create')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('vol.activitiesEmpty')} /> }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('vol.field.title'), dataIndex: 'title' },
          { title: t('vol.field.type'), render: (_, a) => t(`vol.type.${a.activityType}`) },
          { title: t('vol.field.place'), dataIndex: 'place' },
          { title: t('vol.organiserCol'), dataIndex: 'organiserName' },
          {
            title: t('vol.field.date'),
            render: (_, a) => (
              <Space direction="vertical" size={2}>
                {a.shifts.map((s) => (
                  <Space key={s.id} size={6} wrap data-testid={`vol-shift-${s.id}`}>
                    <span>
                      {cnDate(s.startsAt)} {cnTime(s.startsAt)}–{cnTime(s.endsAt)}
                    </span>
                    <Tag>{t('vol.places', { taken: s.taken, capacity: s.capacity })}</Tag>
                    {s.waitlisted > 0 && <Tag>{t('vol.waiting', { n: s.waitlisted })}</Tag>}
                    {a.canConfirm && (
                      <Button size="small" data-testid="vol-attendance-open" onClick={() => setOpen({ a, s })}>
                        {t(Date.parse(s.startsAt) <= Date.now() ? 'vol.attendance' : 'vol.roster')}
                      </Button>
                    )}
                  </Space>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {open && <AttendanceDialog a={open.a} s={open.s} onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** The organiser's roll of one shift: who came and for how many hours (also on the organiser's phone home). */
export function AttendanceDialog({ a, s, onClose }: { a: ActivityData; s: ShiftData; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const att = useAttendance(s.id);
  const confirm = useConfirmAttendance();
  const [edits, setEdits] = useState<Record<number, { attended: boolean; hours: number }>>({});
  const [reason, setReason] = useState('');
  const rows = (att.data?.items ?? []).filter((r) => r.signup === 'confirmed');
  const begun = Date.parse(s.startsAt) <= Date.now();
  // A reason is asked for only where hours were confirmed before (a correction).
  const correcting = rows.some((r) => r.confirmedAt != null);
  const value = (r: (typeof rows)[number]) =>
    edits[r.userId] ?? {
      attended: r.attended ?? true,
      hours: r.hours ?? Math.round(((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3_600_000) * 100) / 100,
    };
  const save = () =>
    confirm
      .mutateAsync({
        shiftId: s.id,
        body: {
          entries: rows.map((r) => {
            const v = value(r);
            return { userId: r.userId, attended: v.attended, hours: v.attended ? v.hours : 0 };
          }),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      })
      .then(() => {
        feedback.ok(t('vol.confirmed'));
        onClose();
      }, feedback.fail);
  return (
    <Modal
      open
      title={t('vol.attendanceTitle', { title: a.title, date: `${cnDate(s.startsAt)} ${cnTime(s.startsAt)}` })}
      onCancel={onClose}
      onOk={save}
      okText={t('vol.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !begun || rows.length === 0, loading: confirm.isPending, id: 'vol-attendance-save' }}
    >
      <ErrorAlert error={att.error} />
      {!begun && <Typography.Paragraph type="warning">{t('vol.notBegun')}</Typography.Paragraph>}
      {rows.length === 0 && <Empty description={t('vol.attendanceEmpty')} />}
      {rows.map((r) => {
        const v = value(r);
        return (
          <Space key={r.userId} style={{ display: 'flex', marginBottom: 8 }} wrap data-testid="vol-attendance-row">
            <span style={{ minWidth: 120, display: 'inline-block' }}>{r.displayName}</span>
            <Checkbox
              checked={v.attended}
              disabled={!begun}
              onChange={(e) => setEdits({ ...edits, [r.userId]: { ...v, attended: e.target.checked } })}
            >
              {t('vol.attended')}
            </Checkbox>
            <InputNumber
              aria-label={`${r.displayName} ${t('vol.hours')}`}
              suffix={t('vol.hourSuffix')}
              min={0}
              max={24}
              step={0.5}
              value={v.hours}
              disabled={!begun || !v.attended}
              data-testid="vol-attendance-hours"
              onChange={(h) => setEdits({ ...edits, [r.userId]: { ...v, hours: Number(h ?? 0) } })}
            />
            {r.corrections > 0 && <Tag>{t('vol.corrections', { n: r.corrections })}</Tag>}
          </Space>
        );
      })}
      {correcting && (
        <Input
          aria-label={t('vol.reason')}
          placeholder={t('vol.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
    </Modal>
  );
}

function Teams() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const teams = useTeams();
  const people = useVolunteers();
  const create = useCreateTeam();
  const [form] = Form.useForm<{ name: string; leaderUserId?: number; memberUserIds?: number[] }>();
  const communityId = me.bindings.find((b) => b.nodeId != null)?.nodeId ?? 0;
  const options = (people.data?.items ?? []).map((p) => ({ value: p.userId, label: p.displayName }));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('vol.newTeam')}>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            create
              .mutateAsync({
                nodeId: communityId,
                name: v.name,
                leaderUserId: v.leaderUserId ?? null,
                memberUserIds: v.memberUserIds ?? [],
              })
              .then(() => {
                feedback.ok(t('vol.teamCreated'));
                form.resetFields();
              }, feedback.fail)
          }
        >
          <Form.Item name="name" label={t('vol.teamName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="leaderUserId" label={t('vol.leader')}>
            <Select allowClear style={{ width: 140 }} aria-label={t('vol.leader')} options={options} />
          </Form.Item>
          <Form.Item name="memberUserIds" label={t('vol.members')}>
            <Select mode="multiple" style={{ minWidth: 200 }} aria-label={t('vol.members')} options={options} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('vol.newTeam')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={teams.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        dataSource={teams.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('vol.teamsEmpty')} /> }}
        columns={[
          { title: t('vol.teamName'), dataIndex: 'name' },
          { title: t('vol.leader'), dataIndex: 'leaderName' },
          { title: t('vol.members'), render: (_, x) => x.members.map((m) => m.displayName).join('、') },
        ]}
      />
    </Space>
  );
}

function Volunteers() {
  const t = useT();
  const people = useVolunteers();
  return (
    <>
      <ErrorAlert error={people.error} />
      <Table
        rowKey="userId"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={people.isPending}
        dataSource={people.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('vol.volunteersEmpty')} /> }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('vol.tab.volunteers'), dataIndex: 'displayName' },
          { title: t('vol.skills'), render: (_, v) => v.skills.join('、') },
          { title: t('vol.availability'), dataIndex: 'availability' },
          {
            title: t('vol.certificatesCol'),
            render: (_, v) =>
              v.certificates.map((c) => (
                <Tag key={c.id} color={c.valid ? 'green' : 'red'}>
                  {t(`vol.cert.${c.kind}`)} {c.expiresOn}
                </Tag>
              )),
          },
          { title: t('vol.hours'), render: (_, v) => t('vol.hoursUnit', { n: v.hours }) },
        ]}
      />
    </>
  );
}
