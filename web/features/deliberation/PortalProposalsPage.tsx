// Residents' proposals on the phone (/m/proposals): propose, support (once per household), follow, vote on the open
// votes of councils open to residents, and the published resolutions (公示), each also on the proposal it settles.
import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { PROPOSAL_CATEGORIES } from '../../../contracts/deliberation';
import { useT } from '../../app/i18n';
import { DelibError } from './DelibError';
import { CardList } from './CardList';
import {
  useCouncils,
  useDelibPost,
  usePlaces,
  useProposals,
  useResolutions,
  useVotes,
  type CouncilData,
  type ResolutionData,
} from './api';

function OpenVotes({ council, alone }: { council: CouncilData; alone: boolean }) {
  const t = useT();
  const votes = useVotes(council.id);
  const post = useDelibPost();
  const open = (votes.data?.items ?? []).filter((v) => v.status !== 'draft');
  if (!open.length)
    return alone && votes.isSuccess ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.m.noVotes')} />
    ) : null;
  return (
    <>
      <DelibError error={post.error} />
      {open.map((v) => (
        <Card key={v.id} size="small" style={{ marginBottom: 8 }} title={v.question} data-testid={`m-vote-${v.id}`}>
          <Typography.Text type="secondary">{council.name}</Typography.Text>
          {v.status === 'open' && v.canVote && (
            <Space style={{ display: 'flex', marginTop: 8 }} data-testid={`m-vote-choices-${v.id}`}>
              {(['yes', 'no', 'abstain'] as const).map((c) => (
                <Button
                  key={c}
                  type={c === 'yes' ? 'primary' : 'default'}
                  loading={post.isPending}
                  onClick={() =>
                    post.mutate({
                      path: `/votes/${v.id}/ballots`,
                      body: { choice: c },
                      key: `vote-${v.id}-${Date.now()}`,
                    })
                  }
                >
                  {t(`delib.choice.${c}`)}
                </Button>
              ))}
            </Space>
          )}
          <Space wrap style={{ display: 'flex', marginTop: 8 }}>
            {v.votedByMe && <Tag color="green">{t('delib.m.voted')}</Tag>}
            {v.status === 'closed' && <Tag>{t('delib.m.voteClosed')}</Tag>}
            {v.status === 'open' && !v.votedByMe && !v.canVote && (
              <Typography.Text type="secondary">{t('delib.m.notVoter')}</Typography.Text>
            )}
          </Space>
          {v.result && (
            <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="m-vote-result">
              {t('delib.result', { yes: v.result.yes, no: v.result.no, abstain: v.result.abstain })} ·{' '}
              {t(v.result.passed ? 'delib.passed' : 'delib.failed')}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </>
  );
}

/** The resolution a proposal led to, as published: what was decided, who does it by when, and how far it has got. */
function ProposalResolution({ r }: { r: ResolutionData }) {
  const t = useT();
  const last = r.progress.at(-1);
  return (
    <div data-testid={`m-settled-${r.id}`} style={{ borderLeft: '3px solid #52c41a', paddingLeft: 8, marginTop: 8 }}>
      <Space wrap>
        <Typography.Text strong>
          {t('delib.m.resolution')}：{r.title}
        </Typography.Text>
        <Tag color={r.status === 'done' ? 'green' : 'blue'}>{t(`delib.res.${r.status}`)}</Tag>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
        {r.councilName} · {t('delib.owner')} {r.owner} · {t('delib.due')} {r.dueOn}
      </Typography.Paragraph>
      <Progress percent={r.percent} size="small" aria-label={t('delib.progress', { percent: r.percent })} />
      {last && (
        <Typography.Text type="secondary">
          {t('delib.m.latest')} {last.at.slice(0, 10)} {last.note}
        </Typography.Text>
      )}
    </div>
  );
}

export function PortalProposalsPage() {
  const t = useT();
  const proposals = useProposals();
  const places = usePlaces();
  const councils = useCouncils();
  const notices = useResolutions(true);
  const post = useDelibPost();
  const [form] = Form.useForm();
  const [showForm, setShowForm] = useState(false);
  const openCouncils = (councils.data?.items ?? []).filter((c) => c.openToResidents);
  // The published resolution each proposal led to, shown on the proposal with its progress.
  const settled = new Map((notices.data?.items ?? []).filter((r) => r.proposalId).map((r) => [r.proposalId!, r]));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('delib.m.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('delib.m.intro')}
        </Typography.Paragraph>
      </div>
      <DelibError error={proposals.error ?? post.error} />
      {showForm ? (
        <Card size="small" title={t('delib.m.new')}>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) =>
              post.mutate(
                { path: '/proposals', body: v },
                {
                  onSuccess: () => {
                    form.resetFields();
                    setShowForm(false);
                  },
                },
              )
            }
          >
            <Form.Item name="category" label={t('delib.m.category')} rules={[{ required: true }]}>
              <Select
                data-testid="m-proposal-category"
                options={PROPOSAL_CATEGORIES.map((c) => ({ value: c, label: t(`delib.cat.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="nodeId" label={t('delib.m.place')} rules={[{ required: true }]}>
              <Select
                data-testid="m-proposal-place"
                options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="title" label={t('delib.m.titleField')} rules={[{ required: true, max: 60 }]}>
              <Input data-testid="m-proposal-title" />
            </Form.Item>
            <Form.Item name="text" label={t('delib.m.text')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={4} data-testid="m-proposal-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={post.isPending} block data-testid="m-proposal-submit">
              {t('delib.m.submit')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Button type="primary" block onClick={() => setShowForm(true)} data-testid="m-proposal-new">
          {t('delib.m.new')}
        </Button>
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('delib.m.votes')}
      </Typography.Title>
      {openCouncils.map((c) => (
        <OpenVotes key={c.id} council={c} alone={openCouncils.length === 1} />
      ))}
      {councils.isSuccess && !openCouncils.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delib.m.noVotes')} />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('delib.m.list')}
      </Typography.Title>
      <CardList
        items={proposals.data?.items}
        loading={proposals.isPending}
        empty={t('delib.m.noProposals')}
        render={(p) => (
          <Card size="small" style={{ marginBottom: 8 }} title={p.title} data-testid={`m-proposal-${p.id}`}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{p.text}</Typography.Paragraph>
            <Space wrap>
              <Tag>{t(`delib.proposal.status.${p.status}`)}</Tag>
              <Typography.Text type="secondary">
                {p.nodeName} · {t('delib.supports')} {p.supports}
              </Typography.Text>
            </Space>
            {p.answer && <Typography.Paragraph type="secondary">{p.answer}</Typography.Paragraph>}
            {settled.has(p.id) && <ProposalResolution r={settled.get(p.id)!} />}
            <Space style={{ display: 'flex', marginTop: 8 }}>
              {p.supportedByMyHousehold ? (
                <Tag color="green">{t('delib.m.supported')}</Tag>
              ) : (
                <Button size="small" onClick={() => post.mutate({ path: `/proposals/${p.id}/support` })}>
                  {t('delib.m.support')}
                </Button>
              )}
              {p.followedByMe ? (
                <Tag>{t('delib.m.followed')}</Tag>
              ) : (
                <Button size="small" onClick={() => post.mutate({ path: `/proposals/${p.id}/follow` })}>
                  {t('delib.m.follow')}
                </Button>
              )}
            </Space>
          </Card>
        )}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('delib.m.notice')}
      </Typography.Title>
      <CardList
        items={notices.data?.items}
        loading={notices.isPending}
        empty={t('delib.m.noNotices')}
        render={(r) => (
          <Card size="small" style={{ marginBottom: 8 }} title={r.title} data-testid={`m-notice-${r.id}`}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{r.text}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {r.councilName} · {t('delib.owner')} {r.owner} · {t('delib.due')} {r.dueOn}
            </Typography.Text>
            <Progress percent={r.percent} size="small" aria-label={t('delib.progress', { percent: r.percent })} />
            {r.progress.map((p) => (
              <div key={p.at}>
                <Typography.Text type="secondary">
                  {p.at.slice(0, 10)} {p.note}
                </Typography.Text>
              </div>
            ))}
          </Card>
        )}
      />
    </Space>
  );
}
