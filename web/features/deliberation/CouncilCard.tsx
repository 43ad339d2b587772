// One council on the staff page: its members and meeting days, meetings with agenda and minutes, the matters still
// to be voted on (prepare a vote), and its votes (open, close, result, record the resolution of a passed one).
import { useState } from 'react';
import { Button, Card, Empty, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import {
  useDelibPost,
  useMeetings,
  useResolutions,
  useVotes,
  type AgendaData,
  type CouncilData,
  type VoteData,
} from './api';
import { ResolutionForm } from './ResolutionForm';

function PrepareVote({ item }: { item: AgendaData }) {
  const t = useT();
  const post = useDelibPost();
  const [question, setQuestion] = useState('');
  const [ballot, setBallot] = useState<'open' | 'secret'>('secret');
  return (
    <List.Item data-testid={`pending-${item.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={post.error} />
        <Typography.Text strong>{item.title}</Typography.Text>
        {item.passedFrom && (
          <Typography.Text type="secondary">
            {t('delib.passedFrom', { council: item.passedFrom.councilName })}
          </Typography.Text>
        )}
        <Space wrap>
          <Input
            aria-label={t('delib.question')}
            placeholder={t('delib.question')}
            data-testid={`vote-question-${item.id}`}
            style={{ width: 320, maxWidth: '100%' }}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
          />
          <Select
            aria-label={t('delib.ballot')}
            value={ballot}
            onChange={setBallot}
            options={[
              { value: 'secret', label: t('delib.ballot.secret') },
              { value: 'open', label: t('delib.ballot.open') },
            ]}
          />
          <Button
            data-testid={`new-vote-${item.id}`}
            disabled={!question.trim()}
            loading={post.isPending}
            onClick={() => post.mutate({ path: '/votes', body: { agendaItemId: item.id, question, ballot } })}
          >
            {t('delib.newVote')}
          </Button>
        </Space>
      </Space>
    </List.Item>
  );
}

function VoteRow({ v, resolved }: { v: VoteData; resolved: boolean }) {
  const t = useT();
  const post = useDelibPost();
  const [writing, setWriting] = useState(false);
  return (
    <List.Item data-testid={`vote-${v.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={post.error} />
        <Space wrap>
          <Typography.Text strong>{v.question}</Typography.Text>
          <Tag color={v.status === 'open' ? 'blue' : undefined}>{t(`delib.status.${v.status}`)}</Tag>
          <Tag>{t(`delib.ballot.${v.ballot}`)}</Tag>
          <Typography.Text type="secondary" data-testid={`turnout-${v.id}`}>
            {t('delib.turnout')} {v.turnout}
          </Typography.Text>
        </Space>
        {v.result && (
          <Typography.Text data-testid="vote-result">
            {t('delib.result', { yes: v.result.yes, no: v.result.no, abstain: v.result.abstain })} ·{' '}
            <Typography.Text strong type={v.result.passed ? 'success' : 'danger'}>
              {t(v.result.passed ? 'delib.passed' : 'delib.failed')}
            </Typography.Text>
            {!v.result.quorumMet && ` · ${t('delib.noQuorum', { quorum: v.result.quorum })}`}
          </Typography.Text>
        )}
        <Space wrap>
          {v.status === 'draft' && (
            <Button data-testid={`open-vote-${v.id}`} onClick={() => post.mutate({ path: `/votes/${v.id}/open` })}>
              {t('delib.openVote')}
            </Button>
          )}
          {v.status === 'open' && (
            <Popconfirm title={t('delib.closeConfirm')} onConfirm={() => post.mutate({ path: `/votes/${v.id}/close` })}>
              <Button danger data-testid={`close-vote-${v.id}`}>
                {t('delib.closeVote')}
              </Button>
            </Popconfirm>
          )}
          {v.result?.passed && !resolved && (
            <Button type="primary" data-testid={`resolve-${v.id}`} onClick={() => setWriting(true)}>
              {t('delib.resolve')}
            </Button>
          )}
          {resolved && <Tag color="green">{t('delib.resolved')}</Tag>}
        </Space>
      </Space>
      <ResolutionForm vote={v} open={writing} onClose={() => setWriting(false)} />
    </List.Item>
  );
}

export function CouncilCard({ c }: { c: CouncilData }) {
  const t = useT();
  const [language] = useLanguage();
  const meetings = useMeetings(c.id);
  const votes = useVotes(c.id);
  const resolutions = useResolutions(false);
  const voteList = votes.data?.items ?? [];
  const voted = new Set(voteList.map((v) => v.agendaItemId));
  const resolvedVotes = new Set((resolutions.data?.items ?? []).map((r) => r.voteId));
  const ms = meetings.data?.meetings ?? [];
  // Matters with no vote yet: pending without a meeting, and pending on a meeting's agenda.
  const toVote = [...(meetings.data?.pending ?? []), ...ms.flatMap((m) => m.agenda)].filter(
    (i) => i.status === 'pending' && !voted.has(i.id),
  );
  return (
    <Card title={c.name} style={{ marginBottom: 12 }} data-testid={`council-${c.id}`}>
      <ErrorAlert error={meetings.error ?? votes.error} />
      <Typography.Paragraph type="secondary">
        {c.nodeName} · {t(`delib.kind.${c.kind}`)} · {t(`delib.rule.${c.voteRule}`)}
        {c.openToResidents ? ` · ${t('delib.openToResidents')}` : ''} · {t('delib.quorum', { n: c.quorum })}
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
      </Space>
      <Typography.Title level={5}>{t('delib.toVote')}</Typography.Title>
      <List
        dataSource={toVote}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.noMatters')} /> }}
        renderItem={(i) => <PrepareVote item={i} />}
      />
      <Typography.Title level={5}>{t('delib.votes')}</Typography.Title>
      <List
        dataSource={voteList}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.noVotes')} /> }}
        renderItem={(v) => <VoteRow v={v} resolved={resolvedVotes.has(v.id)} />}
      />
      <Typography.Title level={5}>{t('delib.meetings')}</Typography.Title>
      <List
        dataSource={ms}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.noMeetings')} /> }}
        renderItem={(m) => (
          <List.Item data-testid={`meeting-${m.id}`}>
            <Space direction="vertical" style={{ width: '100%' }} size={4}>
              <Space wrap>
                <Typography.Text strong>{formatDateTime(m.startsAt, language)}</Typography.Text>
                <Typography.Text>{m.place}</Typography.Text>
                <Tag color={m.status === 'held' ? 'green' : 'blue'}>{t(`delib.meeting.${m.status}`)}</Tag>
                {m.status === 'held' && (
                  <Typography.Text type="secondary">
                    {t('delib.attendance', { n: m.attendance.length, of: c.members.length })}
                  </Typography.Text>
                )}
              </Space>
              {m.agenda.map((i) => (
                <Typography.Text key={i.id}>
                  · {i.title} <Tag>{t(`delib.item.${i.status}`)}</Tag>
                </Typography.Text>
              ))}
              {m.minutes && (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {t('delib.minutes')}：{m.minutes}
                </Typography.Paragraph>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
