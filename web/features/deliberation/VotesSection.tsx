// A council's votes as staff run them: prepare one on a pending matter (open or secret ballot), open it, record a
// proxy vote for an elderly resident, close it (confirmed), read the result and record the resolution of a passed one.
import { useState } from 'react';
import { Button, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { useDelibPost, type AgendaData, type VoteData } from './api';
import { DelibError } from './DelibError';
import { ProxyVote } from './ProxyVote';
import { ResolutionForm } from './ResolutionForm';

export function PrepareVote({ item }: { item: AgendaData }) {
  const t = useT();
  const post = useDelibPost();
  const [question, setQuestion] = useState('');
  const [ballot, setBallot] = useState<'open' | 'secret'>('secret');
  return (
    <List.Item data-testid={`pending-${item.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DelibError error={post.error} />
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

export function VoteRow({ v, resolved, canManage }: { v: VoteData; resolved: boolean; canManage: boolean }) {
  const t = useT();
  const post = useDelibPost();
  const [writing, setWriting] = useState(false);
  const [proxy, setProxy] = useState(false);
  return (
    <List.Item data-testid={`vote-${v.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DelibError error={post.error} />
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
          {v.status === 'open' && canManage && v.voteRule === 'household' && (
            <Button data-testid={`proxy-vote-${v.id}`} onClick={() => setProxy(true)}>
              {t('delib.proxyVote')}
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
      {proxy && <ProxyVote v={v} open={proxy} onClose={() => setProxy(false)} />}
    </List.Item>
  );
}
