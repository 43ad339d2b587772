// One meeting of a council as its secretary runs it: the agenda (put on it an open proposal, a pending matter or a
// new one; pass a matter up), who attended, the minutes, and marking it held.
import { useState } from 'react';
import { Button, Checkbox, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import { useDelibPatch, useDelibPost, useProposals, type AgendaData, type CouncilData, type MeetingData } from './api';
import { DelibError } from './DelibError';
import { PassUpModal } from './PassUpModal';

type AgendaPick = `p:${number}` | `i:${number}`;

function AddToAgenda({ m, pending }: { m: MeetingData; pending: AgendaData[] }) {
  const t = useT();
  const post = useDelibPost();
  const queue = useProposals(true);
  const [pick, setPick] = useState<AgendaPick | undefined>();
  const [title, setTitle] = useState('');
  const proposals = (queue.data?.items ?? []).filter((p) => p.status === 'open');
  const add = () => {
    const body = pick?.startsWith('p:')
      ? { proposalId: Number(pick.slice(2)), title: proposals.find((p) => `p:${p.id}` === pick)!.title }
      : pick?.startsWith('i:')
        ? { itemId: Number(pick.slice(2)), title: pending.find((i) => `i:${i.id}` === pick)!.title }
        : { title };
    post.mutate(
      { path: `/meetings/${m.id}/agenda`, body },
      {
        onSuccess: () => {
          setPick(undefined);
          setTitle('');
        },
      },
    );
  };
  return (
    <div>
      <DelibError error={post.error} />
      <Space wrap>
        <Select<AgendaPick>
          aria-label={t('delib.agendaPick')}
          data-testid={`agenda-pick-${m.id}`}
          allowClear
          placeholder={t('delib.agendaPick')}
          style={{ width: 300, maxWidth: '100%' }}
          value={pick}
          onChange={setPick}
          options={[
            {
              label: t('delib.agendaProposals'),
              options: proposals.map((p) => ({
                value: `p:${p.id}` as AgendaPick,
                label: `${p.title}（${t('delib.supports')} ${p.supports}）`,
              })),
            },
            {
              label: t('delib.agendaPending'),
              options: pending.map((i) => ({ value: `i:${i.id}` as AgendaPick, label: i.title })),
            },
          ]}
        />
        {!pick && (
          <Input
            aria-label={t('delib.agendaNew')}
            placeholder={t('delib.agendaNew')}
            style={{ width: 220, maxWidth: '100%' }}
            maxLength={100}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
        <Button
          data-testid={`agenda-add-${m.id}`}
          disabled={!pick && !title.trim()}
          loading={post.isPending}
          onClick={add}
        >
          {t('delib.agendaAdd')}
        </Button>
      </Space>
    </div>
  );
}

export function AgendaLine({ item, c }: { item: AgendaData; c: CouncilData }) {
  const t = useT();
  const [passing, setPassing] = useState(false);
  return (
    <div data-testid={`matter-${item.id}`}>
      <Space wrap>
        <Typography.Text>· {item.title}</Typography.Text>
        <Tag>{t(`delib.item.${item.status}`)}</Tag>
        {c.canManage && item.status === 'pending' && c.level !== 'street' && (
          <Button size="small" data-testid={`passup-${item.id}`} onClick={() => setPassing(true)}>
            {t('delib.passUp')}
          </Button>
        )}
      </Space>
      {item.passedFrom && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '0 0 0 12px' }}>
          {t('delib.passedFrom', { council: item.passedFrom.councilName })}：{item.passedFrom.record}
        </Typography.Paragraph>
      )}
      {passing && <PassUpModal item={item} from={c} open={passing} onClose={() => setPassing(false)} />}
    </div>
  );
}

export function MeetingItem({ m, c, pending }: { m: MeetingData; c: CouncilData; pending: AgendaData[] }) {
  const t = useT();
  const [language] = useLanguage();
  const patch = useDelibPatch();
  const [attendance, setAttendance] = useState<number[]>(m.attendance);
  const [minutes, setMinutes] = useState(m.minutes ?? '');
  const dirty = minutes !== (m.minutes ?? '') || attendance.join() !== m.attendance.join();
  const save = (status?: 'held') =>
    patch.mutate({ path: `/meetings/${m.id}`, body: { attendance, minutes, ...(status ? { status } : {}) } });
  return (
    <List.Item data-testid={`meeting-${m.id}`}>
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap>
          <Typography.Text strong>{formatDateTime(m.startsAt, language)}</Typography.Text>
          <Typography.Text>{m.place}</Typography.Text>
          <Tag color={m.status === 'held' ? 'green' : 'blue'}>{t(`delib.meeting.${m.status}`)}</Tag>
          <Typography.Text type="secondary" data-testid={`present-${m.id}`}>
            {t('delib.attendance', { n: m.attendance.length, of: c.members.length })}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('delib.agenda')}</Typography.Text>
        {m.agenda.length === 0 && <Typography.Text type="secondary">{t('delib.noAgenda')}</Typography.Text>}
        {m.agenda.map((i) => (
          <AgendaLine key={i.id} item={i} c={c} />
        ))}
        {c.canManage && m.status === 'planned' && <AddToAgenda m={m} pending={pending} />}
        {c.canManage ? (
          <>
            <DelibError error={patch.error} />
            <Typography.Text type="secondary">{t('delib.attendanceField')}</Typography.Text>
            {c.members.length ? (
              <Checkbox.Group
                data-testid={`attendance-${m.id}`}
                value={attendance}
                onChange={(v) => setAttendance(v as number[])}
                options={c.members.map((x) => ({ value: x.id, label: `${t(`delib.role.${x.role}`)} ${x.name}` }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('delib.noMembers')}</Typography.Text>
            )}
            <label htmlFor={`minutes-${m.id}`}>
              <Typography.Text type="secondary">{t('delib.minutes')}</Typography.Text>
            </label>
            <Input.TextArea
              id={`minutes-${m.id}`}
              data-testid={`minutes-${m.id}`}
              rows={3}
              maxLength={10000}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
            <Space wrap>
              <Button
                data-testid={`mtg-record-${m.id}`}
                disabled={!dirty}
                loading={patch.isPending}
                onClick={() => save()}
              >
                {t('delib.saveRecord')}
              </Button>
              {m.status === 'planned' && (
                <Popconfirm title={t('delib.heldConfirm')} onConfirm={() => save('held')}>
                  <Button type="primary" data-testid={`mtg-held-${m.id}`}>
                    {t('delib.markHeld')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </>
        ) : (
          m.minutes && (
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {t('delib.minutes')}：{m.minutes}
            </Typography.Paragraph>
          )
        )}
      </Space>
    </List.Item>
  );
}
