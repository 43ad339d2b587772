// Residents and volunteers on the phone (/m/points): their balance, their statement, the shop of the district
// (通存通兑) and a redemption confirmed before it is made.
import { useState } from 'react';
import { Button, Empty, List, Popconfirm, Space, Statistic, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import { useMyPoints, useRedeem, useShop } from './api';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

export function PortalPointsPage() {
  const t = useT();
  const me = useMyPoints();
  const shop = useShop();
  const redeem = useRedeem();
  const feedback = useFeedback();
  const [shown, setShown] = useState(10);
  const balance = me.data?.balance ?? 0;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('points.portal.title')}
        </Typography.Title>
        <Statistic title={t('points.balance')} value={balance} suffix={t('points.unit')} />
        <span data-testid="points-balance" style={{ display: 'none' }}>
          {balance}
        </span>
      </div>
      <ErrorAlert error={me.error ?? shop.error} onRetry={() => void me.refetch()} />
      <div className="jy-portal-card">
        <Typography.Title level={5}>{t('points.shop')}</Typography.Title>
        <List
          dataSource={shop.data?.items ?? []}
          loading={shop.isLoading}
          locale={{ emptyText: <Empty description={t('points.shop.empty')} /> }}
          renderItem={(i) => (
            <List.Item
              data-testid="points-shop-item"
              actions={[
                <Popconfirm
                  key="r"
                  title={t('points.redeem.confirm', { name: i.name, price: i.price })}
                  okText={t('points.redeem')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    redeem.mutate(
                      { itemId: i.id, clientKey: crypto.randomUUID() },
                      { onSuccess: () => feedback.ok(t('points.redeemed')), onError: feedback.fail },
                    )
                  }
                >
                  <Button
                    type="primary"
                    size="large"
                    disabled={i.stock < 1 || balance < i.price}
                    data-testid="points-redeem"
                  >
                    {t('points.redeem')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={i.name}
                description={
                  <Space wrap size={4}>
                    <Tag color="gold">{t('points.price', { n: i.price })}</Tag>
                    <span>{t('points.stock', { n: i.stock })}</span>
                    <span>
                      {i.merchantName} · {i.communityName}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </div>
      <div className="jy-portal-card">
        <Typography.Title level={5}>{t('points.statement')}</Typography.Title>
        <List
          dataSource={(me.data?.statement ?? []).slice(0, shown)}
          loading={me.isLoading}
          locale={{ emptyText: <Empty description={t('points.statement.empty')} /> }}
          renderItem={(s) => (
            <List.Item data-testid="points-line">
              <List.Item.Meta
                title={s.memo}
                description={
                  <Space wrap size={4}>
                    <span>{when(s.at)}</span>
                    <Tag>{t(`points.kind.${s.kind}`)}</Tag>
                    {s.reversed && <Tag color="red">{t('points.reversed')}</Tag>}
                    {s.expiresAt && <span>{t('points.expires', { date: when(s.expiresAt) })}</span>}
                  </Space>
                }
              />
              <Typography.Text strong style={{ color: s.amount < 0 ? '#a8071a' : '#237804' }}>
                {s.amount > 0 ? `+${s.amount}` : s.amount}
              </Typography.Text>
            </List.Item>
          )}
        />
        {(me.data?.statement.length ?? 0) > shown && (
          <Button block onClick={() => setShown((n) => n + 10)}>
            {t('points.more')}
          </Button>
        )}
      </div>
    </Space>
  );
}
