// The micro-wish phone page (/m/wishes): the community's wish wall (claim), posting a wish, my wishes and my claims.
import { useState } from 'react';
import { Button, Form, Input, InputNumber, List, Modal, Select, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { WISH_CATEGORIES, type WishCategory } from '../../../contracts/wishes';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { useClaim, usePostWish, useWall, useWishList } from './api';
import { useCategoryLabel, WishStatusTag } from './parts';

function Wall() {
  const t = useT();
  const cat = useCategoryLabel();
  const wall = useWall();
  const claim = useClaim();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const ask = (id: number) =>
    Modal.confirm({
      title: t('wish.claim'),
      content: t('wish.claimConfirm', { d: wall.limits?.leaseDays ?? 7 }),
      okText: t('wish.claim'),
      onOk: () =>
        claim
          .mutateAsync(id)
          .then(() => {
            feedback.ok(t('wish.claimed'));
            void navigate(`/m/wishes/${id}`);
          })
          .catch((e: unknown) => feedback.fail(e)),
    });
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {wall.communityName && <Typography.Text type="secondary">{wall.communityName}</Typography.Text>}
      {!wall.canClaim && !wall.isLoading && <Typography.Text type="secondary">{t('wish.cannotClaim')}</Typography.Text>}
      <ErrorAlert error={wall.error} onRetry={wall.refetch} />
      {wall.isLoading && <Spin />}
      <div className="jy-portal-card" data-testid="wish-wall">
        <List
          dataSource={wall.items}
          locale={{ emptyText: t('wish.emptyWall') }}
          renderItem={(w) => (
            <List.Item
              data-testid={`wish-wall-${w.id}`}
              actions={
                wall.canClaim
                  ? [
                      <Button key="c" type="primary" onClick={() => ask(w.id)} data-testid={`wish-claim-${w.id}`}>
                        {t('wish.claim')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={w.text}
                description={`${cat(w.category)} · ${t('wish.yuan', { n: w.value })} · ${w.maskedName}`}
              />
            </List.Item>
          )}
        />
        {wall.hasMore && (
          <Button block onClick={wall.loadMore}>
            {t('wish.loadMore')}
          </Button>
        )}
      </div>
    </Space>
  );
}

function PostForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const cat = useCategoryLabel();
  const [form] = Form.useForm<{ category: WishCategory; text: string; value: number }>();
  const postWish = usePostWish();
  const wall = useWall();
  const feedback = useFeedback();
  const submit = (v: { category: WishCategory; text: string; value: number }) =>
    postWish
      .mutateAsync(v)
      .then(() => {
        feedback.ok(t('wish.posted'));
        form.resetFields();
        onDone();
      })
      .catch((e: unknown) => {
        if (!applyServerErrors(form, e)) feedback.fail(e);
      });
  return (
    <div className="jy-portal-card">
      {wall.limits && (
        <Typography.Paragraph type="secondary">
          {t('wish.limit', { n: wall.limits.valueLimit, d: wall.limits.leaseDays })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'daily_goods', value: 0 }}>
        <Form.Item name="category" label={t('wish.category')} rules={[{ required: true }]}>
          <Select
            aria-label={t('wish.category')}
            data-testid="wish-category"
            options={WISH_CATEGORIES.map((c) => ({ value: c, label: cat(c) }))}
          />
        </Form.Item>
        <Form.Item name="text" label={t('wish.text')} extra={t('wish.textHint')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={300} data-testid="wish-text" />
        </Form.Item>
        <Form.Item name="value" label={t('wish.value')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="wish-value" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={postWish.isPending}
          data-testid="wish-submit"
        >
          {t('wish.submit')}
        </Button>
      </Form>
    </div>
  );
}

function MyList({ view }: { view: 'mine' | 'claims' }) {
  const t = useT();
  const [language] = useLanguage();
  const list = useWishList(view);
  return (
    <div className="jy-portal-card">
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <List
        loading={list.isLoading}
        dataSource={list.items}
        locale={{ emptyText: t(view === 'mine' ? 'wish.emptyMine' : 'wish.emptyClaims') }}
        renderItem={(w) => (
          <List.Item>
            <Link to={`/m/wishes/${w.id}`} data-testid={`wish-${view}-${w.id}`}>
              {w.text}
            </Link>
            <Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(w.createdAt, language)}
              </Typography.Text>
              <WishStatusTag status={w.status} />
            </Space>
          </List.Item>
        )}
      />
      {list.hasMore && (
        <Button block onClick={list.loadMore}>
          {t('wish.loadMore')}
        </Button>
      )}
    </div>
  );
}

export function PortalWishesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [tab, setTab] = useState(params.get('tab') ?? 'wall');
  const go = (k: string) => {
    setTab(k);
    setParams({ tab: k }, { replace: true });
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('wish.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={go}
        items={[
          { key: 'wall', label: t('wish.wall'), children: <Wall /> },
          { key: 'post', label: t('wish.post'), children: <PostForm onDone={() => go('mine')} /> },
          { key: 'mine', label: t('wish.mine'), children: <MyList view="mine" /> },
          { key: 'claims', label: t('wish.claims'), children: <MyList view="claims" /> },
        ]}
      />
    </Space>
  );
}
