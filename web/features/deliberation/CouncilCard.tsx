// One council on the staff page: its rules, members and meeting days (add a member), its meetings (schedule one; run
// its agenda, attendance and minutes), matters waiting for a meeting (pass one up), and its votes.
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { useMeetings, useResolutions, useVotes, type CouncilData } from './api';
import { DelibError } from './DelibError';
import { AgendaLine, MeetingItem } from './MeetingItem';
import { MemberForm } from './MemberForm';
import { ScheduleMeeting } from './ScheduleMeeting';
import { PrepareVote, VoteRow } from './VotesSection';

const simple = (text: string) => ({
  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />,
});

export function CouncilCard({ c }: { c: CouncilData }) {
  const t = useT();
  const meetings = useMeetings(c.id);
  const votes = useVotes(c.id);
  const resolutions = useResolutions(false);
  const [adding, setAdding] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const voteList = votes.data?.items ?? [];
  const voted = new Set(voteList.map((v) => v.agendaItemId));
  const resolvedVotes = new Set((resolutions.data?.items ?? []).map((r) => r.voteId));
  const ms = meetings.data?.meetings ?? [];
  const pending = meetings.data?.pending ?? [];
  // Matters with no vote yet: pending without a meeting, and pending on a meeting's agenda.
  const toVote = [...pending, ...ms.flatMap((m) => m.agenda)].filter((i) => i.status === 'pending' && !voted.has(i.id));
  return (
    <Card title={c.name} style={{ marginBottom: 12 }} data-testid={`council-${c.id}`}>
      <DelibError error={meetings.error ?? votes.error} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="geekblue">{t(`delib.level.${c.level}`)}</Tag>
        <Tag>{t(`delib.kind.${c.kind}`)}</Tag>
        <Tag>{t(`delib.rule.${c.voteRule}`)}</Tag>
        <Tag>{t('delib.quorum', { n: c.quorum })}</Tag>
        <Tag>{t('delib.thresholdShort', { n: c.supportThreshold })}</Tag>
        {c.openToResidents && <Tag>{t('delib.openToResidents')}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary">
        {c.nodeName}
        {c.nextMeetingDays.length > 0 && ` · ${t('delib.meetingDays')} ${c.nextMeetingDays.join('、')}`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid={`members-${c.id}`}>
        <Typography.Text>{t('delib.members')}</Typography.Text>
        {c.members.length === 0 && <Typography.Text type="secondary">{t('delib.noMembers')}</Typography.Text>}
        {c.members.map((m) => (
          <Tag key={m.id}>
            {t(`delib.role.${m.role}`)} {m.name}
          </Tag>
        ))}
        {c.canManage && (
          <Button size="small" data-testid={`add-member-${c.id}`} onClick={() => setAdding(true)}>
            {t('delib.addMember')}
          </Button>
        )}
      </Space>
      {adding && <MemberForm c={c} open={adding} onClose={() => setAdding(false)} />}

      <Space wrap style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('delib.meetings')}
        </Typography.Title>
        {c.canManage && (
          <Button size="small" data-testid={`schedule-open-${c.id}`} onClick={() => setScheduling((s) => !s)}>
            {scheduling ? t('delib.cancel') : t('delib.scheduleMeeting')}
          </Button>
        )}
      </Space>
      {scheduling && <ScheduleMeeting c={c} onDone={() => setScheduling(false)} />}
      <List
        dataSource={ms}
        locale={simple(t('delib.noMeetings'))}
        renderItem={(m) => <MeetingItem key={`${m.id}-${m.status}`} m={m} c={c} pending={pending} />}
      />
      <Typography.Title level={5}>{t('delib.pendingMatters')}</Typography.Title>
      {pending.length ? (
        pending.map((i) => <AgendaLine key={i.id} item={i} c={c} />)
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.noPending')} />
      )}
      <Typography.Title level={5}>{t('delib.toVote')}</Typography.Title>
      <List dataSource={toVote} locale={simple(t('delib.noMatters'))} renderItem={(i) => <PrepareVote item={i} />} />
      <Typography.Title level={5}>{t('delib.votes')}</Typography.Title>
      <List
        dataSource={voteList}
        locale={simple(t('delib.noVotes'))}
        renderItem={(v) => <VoteRow v={v} resolved={resolvedVotes.has(v.id)} canManage={c.canManage} />}
      />
    </Card>
  );
}
