// One wish on the phone (/m/wishes/:id): its state, the claimer's delivery with a photo, the resident's confirmation.
import { useState } from 'react';
import { Button, Descriptions, Image, Input, Modal, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useLanguage, useT, type MessageKey } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/useFeedback';
import { PhotoUploader, type DraftPhoto } from '../cases/PhotoUploader';
import { useConfirm, useDeliver, useWish } from './api';
import { useCategoryLabel, WishStatusTag } from './parts';

export function WishDetailPage() {
  const t = useT();
  const [language] = useLanguage();
  const cat = useCategoryLabel();
  const id = Number(useParams().id);
  const wish = useWish(id);
  const deliver = useDeliver(id);
  const confirm = useConfirm(id);
  const feedback = useFeedback();
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [note, setNote] = useState('');
  const w = wish.data;
  const askConfirm = () =>
    Modal.confirm({
      title: t('wish.confirm'),
      content: t('wish.confirmAsk'),
      okText: t('wish.confirm'),
      onOk: () =>
        confirm
          .mutateAsync()
          .then(() => feedback.ok(t('wish.confirmed')))
          .catch((e: unknown) => feedback.fail(e)),
    });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/m/wishes">{t('wish.backToWall')}</Link>
      <ErrorAlert error={wish.error} onRetry={() => void wish.refetch()} />
      {wish.isLoading && <Spin />}
      {w && (
        <>
          <div className="jy-portal-card">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {w.text}
                </Typography.Title>
                <WishStatusTag status={w.status} />
              </Space>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('wish.category')}>{cat(w.category)}</Descriptions.Item>
                <Descriptions.Item label={t('wish.value')}>{w.value}</Descriptions.Item>
                <Descriptions.Item label={t('wish.by')}>
                  {w.residentName}
                  {w.onBehalf ? `（${t('wish.onBehalf')}）` : ''}
                </Descriptions.Item>
                {w.claimerName && <Descriptions.Item label={t('wish.claimer')}>{w.claimerName}</Descriptions.Item>}
                <Descriptions.Item label={t('wish.postedAt')}>
                  {formatDateTime(w.createdAt, language)}
                </Descriptions.Item>
              </Descriptions>
              {w.refuseReason && (
                <Typography.Text type="danger">{t('wish.refuseReason', { r: w.refuseReason })}</Typography.Text>
              )}
              {w.status === 'claimed' && w.leaseUntil && (
                <Typography.Text type="warning">
                  {t('wish.leaseUntil', { t: formatDateTime(w.leaseUntil, language) })}
                </Typography.Text>
              )}
            </Space>
          </div>
          {w.photoUrls.length > 0 && (
            <div className="jy-portal-card">
              <Typography.Text strong>{t('wish.photos')}</Typography.Text>
              <Space wrap style={{ marginTop: 8 }}>
                {w.photoUrls.map((u, i) => (
                  <Image key={u} src={u} width={96} alt={`${t('wish.photos')} ${i + 1}`} />
                ))}
              </Space>
              {w.deliveryNote && <Typography.Paragraph>{w.deliveryNote}</Typography.Paragraph>}
            </div>
          )}
          {w.actions.includes('deliver') && (
            <div className="jy-portal-card">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{t('wish.deliverPhoto')}</Typography.Text>
                <PhotoUploader value={photos} onChange={(p) => setPhotos(p.slice(0, 6))} testId="wish-photos" />
                <Input.TextArea
                  rows={2}
                  maxLength={200}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t('wish.deliverNote')}
                  aria-label={t('wish.deliverNote')}
                />
                <Button
                  type="primary"
                  block
                  size="large"
                  disabled={photos.length === 0}
                  loading={deliver.isPending}
                  data-testid="wish-deliver"
                  onClick={() =>
                    deliver
                      .mutateAsync({ photoIds: photos.map((p) => p.id), note: note.trim() || undefined })
                      .then(() => feedback.ok(t('wish.delivered')))
                      .catch((e: unknown) => feedback.fail(e))
                  }
                >
                  {t('wish.deliver')}
                </Button>
              </Space>
            </div>
          )}
          {w.actions.includes('confirm') && (
            <Button type="primary" block size="large" onClick={askConfirm} data-testid="wish-confirm">
              {t('wish.confirm')}
            </Button>
          )}
          <div className="jy-portal-card">
            <Typography.Text strong>{t('wish.history')}</Typography.Text>
            <Timeline
              style={{ marginTop: 12 }}
              items={w.events.map((e) => ({
                children: `${formatDateTime(e.at, language)} ${t(`wish.ev.${e.action}` as MessageKey)}${e.actorName ? ` · ${e.actorName}` : ''}`,
              }))}
            />
          </div>
        </>
      )}
    </Space>
  );
}
