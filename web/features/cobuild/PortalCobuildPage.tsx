// Phone page /m/cobuild: a resident posts a need (点单), follows it and rates it; a party member reports in, sees their
// annual commitment, takes the orders handed to them (接单) and marks them done (办结).
import { useState } from 'react';
import { Button, Card, Empty, Input, InputNumber, List, Popconfirm, Rate, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { useCobuildPost, useMyMember, useNeeds, useProjects, type ProjectData } from './api';
import { cnDateTime, needStatusKey, projectStatusKey } from './labels';

function PostNeed() {
  const t = useT();
  const post = useCobuildPost();
  const fb = useFeedback();
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const submit = async () => {
    try {
      await post.mutateAsync({ path: '/api/cobuild/needs', body: { title, ...(detail ? { detail } : {}) } });
      setTitle('');
      setDetail('');
      fb.ok(t('cob.posted'));
    } catch (e) {
      fb.fail(e);
    }
  };
  return (
    <Card title={t('cob.postNeed')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          aria-label={t('cob.needTitle')}
          placeholder={t('cob.needTitle')}
          data-testid="cob-need-title"
          value={title}
          maxLength={100}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Input.TextArea
          aria-label={t('cob.needDetail')}
          placeholder={t('cob.needDetail')}
          value={detail}
          maxLength={1000}
          onChange={(e) => setDetail(e.target.value)}
        />
        <Button
          type="primary"
          block
          disabled={!title.trim()}
          loading={post.isPending}
          data-testid="cob-need-submit"
          onClick={() => void submit()}
        >
          {t('cob.submit')}
        </Button>
      </Space>
    </Card>
  );
}

function RateProject({ project }: { project: ProjectData }) {
  const t = useT();
  const post = useCobuildPost();
  const fb = useFeedback();
  const [stars, setStars] = useState(5);
  return (
    <Space wrap>
      <Rate aria-label={t('cob.rating')} value={stars} onChange={setStars} />
      <Button
        size="small"
        type="primary"
        data-testid={`cob-rate-${project.id}`}
        loading={post.isPending}
        onClick={() =>
          post
            .mutateAsync({ path: `/api/cobuild/projects/${project.id}/rate`, body: { rating: stars } })
            .then(() => fb.ok(t('cob.thanks')), fb.fail)
        }
      >
        {t('cob.rate')}
      </Button>
    </Space>
  );
}

function MyNeeds() {
  const t = useT();
  const needs = useNeeds(true);
  const projects = useProjects();
  const byId = new Map((projects.data?.items ?? []).map((p) => [p.id, p]));
  return (
    <Card title={t('cob.myNeeds')} size="small">
      <ErrorAlert error={needs.error} onRetry={() => void needs.refetch()} />
      <List
        data-testid="cob-my-needs"
        dataSource={needs.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('cob.empty')} /> }}
        renderItem={(n) => {
          const p = n.projectId ? byId.get(n.projectId) : undefined;
          return (
            <List.Item>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{n.title}</Typography.Text>
                <Space wrap>
                  <Tag data-testid={`cob-need-status-${n.id}`}>
                    {n.projectStatus ? t(projectStatusKey(n.projectStatus)) : t(needStatusKey(n.status))}
                  </Tag>
                  {p && <Typography.Text type="secondary">{p.ownerName}</Typography.Text>}
                  {p?.rating != null && <Rate disabled value={p.rating} />}
                </Space>
                {p?.canRate && <RateProject project={p} />}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function ReportIn() {
  const t = useT();
  const post = useCobuildPost();
  const fb = useFeedback();
  const [unitName, setUnitName] = useState('');
  const [offer, setOffer] = useState('');
  const [annual, setAnnual] = useState(4);
  const submit = () =>
    post
      .mutateAsync({
        path: '/api/cobuild/members/report-in',
        body: { unitName, annualCommitment: annual, offers: [{ title: offer, category: 'other' }] },
      })
      .then(() => fb.ok(t('cob.reportIn')), fb.fail);
  return (
    <Card title={t('cob.reportIn')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          aria-label={t('cob.unitName')}
          placeholder={t('cob.unitName')}
          data-testid="cob-unit"
          value={unitName}
          onChange={(e) => setUnitName(e.target.value)}
        />
        <Input
          aria-label={t('cob.offerTitle')}
          placeholder={t('cob.offerTitle')}
          data-testid="cob-offer"
          value={offer}
          onChange={(e) => setOffer(e.target.value)}
        />
        <Space>
          <Typography.Text>{t('cob.annual')}</Typography.Text>
          <InputNumber
            aria-label={t('cob.annual')}
            min={1}
            max={100}
            value={annual}
            onChange={(v) => setAnnual(v ?? 4)}
          />
        </Space>
        <Button
          type="primary"
          block
          disabled={!unitName.trim() || !offer.trim()}
          loading={post.isPending}
          data-testid="cob-report-in"
          onClick={() => void submit()}
        >
          {t('cob.submit')}
        </Button>
      </Space>
    </Card>
  );
}

function MyOrders() {
  const t = useT();
  const projects = useProjects(true);
  const post = useCobuildPost();
  const fb = useFeedback();
  const act = (id: number, step: 'take' | 'done') =>
    post
      .mutateAsync({ path: `/api/cobuild/projects/${id}/${step}` })
      .then(() => fb.ok(t(step === 'take' ? 'cob.take' : 'cob.finish')), fb.fail);
  return (
    <Card title={t('cob.myOrders')} size="small">
      <List
        data-testid="cob-my-orders"
        dataSource={projects.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('cob.empty')} /> }}
        renderItem={(p) => (
          <List.Item>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{p.title}</Typography.Text>
              <Space wrap>
                <Tag>{t(projectStatusKey(p.status))}</Tag>
                {p.overdue && <Tag color="red">{t('cob.overdue')}</Tag>}
                <Typography.Text type="secondary">
                  {t('cob.due')} {cnDateTime(p.dueAt)}
                </Typography.Text>
              </Space>
              {p.canTake && (
                <Button type="primary" block data-testid={`cob-take-${p.id}`} onClick={() => void act(p.id, 'take')}>
                  {t('cob.take')}
                </Button>
              )}
              {p.canFinish && (
                <Popconfirm title={t('cob.confirmFinish')} onConfirm={() => void act(p.id, 'done')}>
                  <Button block data-testid={`cob-done-${p.id}`}>
                    {t('cob.finish')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function PortalCobuildPage() {
  const t = useT();
  const me = useMyMember();
  const member = me.data?.member ?? null;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('cob.phone.title')}
        </Typography.Title>
        {member && (
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid="cob-member">
            {t('cob.reported', { c: member.communityName })} ·{' '}
            {t('cob.commitmentLine', { n: member.annualCommitment, d: member.servicesDone })}
            {member.noActivity && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                {t('cob.noActivity')}
              </Tag>
            )}
          </Typography.Paragraph>
        )}
      </div>
      {member && <MyOrders />}
      <PostNeed />
      <MyNeeds />
      {me.isSuccess && !member && <ReportIn />}
    </Space>
  );
}
