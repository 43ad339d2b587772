// One of my reports: the steps in plain words, my photos, and once closed the rating or "not fixed" (还没解决).
import { useState } from 'react';
import { Alert, Button, Image, Input, Modal, Space, Spin, Tag, Timeline, Typography, type ButtonProps } from 'antd';
import { useParams } from 'react-router-dom';
import type { Rating } from '../../../contracts/cases';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { photoUrl } from '../cases/api';
import { useMyReport, useRate } from './api';
import { PTID } from './testids';
import type { MyReport } from './types';
import { isStepKind, RATINGS, STATUS_COLOUR } from './words';

function RatePanel({ report }: { report: MyReport }) {
  const t = useT();
  const rate = useRate(report.id);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const submit = (r: Rating, text = comment) =>
    rate.mutate({ version: report.version, rating: r, comment: text.trim() || undefined });
  // "Not fixed" reopens work for the community: it needs to know what is still wrong, and the resident confirms first.
  const sendNotFixed = () => {
    if (!reason.trim()) return setReasonMissing(true);
    submit('unsatisfied', reason);
  };
  return (
    <div className="jy-portal-card">
      <Typography.Text strong>{t('portal.mine.rateTitle')}</Typography.Text>
      <div className="jy-portal-rate" style={{ margin: '10px 0' }}>
        {RATINGS.map((r) => (
          <Button
            key={r}
            size="large"
            type={rating === r ? 'primary' : 'default'}
            onClick={() => setRating(r)}
            data-testid={PTID.rateOption(r)}
          >
            {t(`portal.rating.${r}`)}
          </Button>
        ))}
      </div>
      <Input.TextArea
        rows={2}
        maxLength={300}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('portal.mine.commentPlaceholder')}
        data-testid={PTID.rateComment}
      />
      {rate.isError && <Alert type="error" showIcon message={errorMessage(rate.error)} style={{ marginTop: 8 }} />}
      <Space direction="vertical" style={{ width: '100%', marginTop: 10 }}>
        <Button
          type="primary"
          size="large"
          block
          disabled={!rating}
          loading={rate.isPending}
          onClick={() => rating && submit(rating)}
          data-testid={PTID.rateSubmit}
        >
          {t('portal.mine.rateSubmit')}
        </Button>
        {/* "Not fixed" is the unsatisfied rating: the state machine turns it into a review, and the community may reopen the case. */}
        <Button
          danger
          size="large"
          block
          loading={rate.isPending}
          onClick={() => setAsking(true)}
          data-testid={PTID.notFixed}
        >
          {t('portal.mine.notFixed')}
        </Button>
      </Space>
      <Modal
        open={asking}
        title={t('portal.notFixed.title')}
        okText={t('portal.notFixed.confirm')}
        cancelText={t('portal.notFixed.cancel')}
        okButtonProps={{ danger: true, loading: rate.isPending, 'data-testid': PTID.notFixedConfirm } as ButtonProps}
        onOk={sendNotFixed}
        onCancel={() => setAsking(false)}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">{t('portal.notFixed.intro')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={300}
          value={reason}
          status={reasonMissing ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonMissing(false);
          }}
          placeholder={t('portal.notFixed.placeholder')}
          data-testid={PTID.notFixedReason}
        />
        {reasonMissing && <Typography.Text type="danger">{t('portal.notFixed.required')}</Typography.Text>}
        {rate.isError && <Alert type="error" showIcon message={errorMessage(rate.error)} style={{ marginTop: 8 }} />}
      </Modal>
    </div>
  );
}

export function MyReportPage() {
  const t = useT();
  const [language] = useLanguage();
  const id = Number(useParams().id);
  const report = useMyReport(id);
  if (report.isPending) return <Spin />;
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  return (
    <div>
      {r.relation === 'supporter' && (
        <Alert
          type="info"
          showIcon
          message={t('portal.mine.supporterNote')}
          style={{ marginBottom: 12 }}
          data-testid={PTID.supporterNote}
        />
      )}
      <div className="jy-portal-card">
        <div className="jy-portal-item-title">
          <span>{r.categoryName}</span>
          <Tag color={STATUS_COLOUR[r.status]} data-testid={PTID.mineStatus} data-status={r.status}>
            {t(`portal.status.${r.status}`)}
          </Tag>
        </div>
        <Typography.Paragraph className="jy-portal-text" style={{ margin: '8px 0' }}>
          {r.description ?? t('portal.mine.textHidden')}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {r.number} · {r.gridName}
          {r.address ? ` · ${r.address}` : ''}
          {r.anonymous && r.relation === 'reporter' ? ` · ${t('portal.mine.anonymous')}` : ''}
        </Typography.Text>
        {r.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginTop: 8 }}>
              {r.photos.map((p) => (
                <Image
                  key={p}
                  src={photoUrl(p, true)}
                  preview={{ src: photoUrl(p) }}
                  width={72}
                  height={72}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  alt=""
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </div>
      {r.rating && (
        <Alert
          type={r.rating === 'unsatisfied' ? 'warning' : 'success'}
          showIcon
          data-testid={PTID.rated}
          data-rating={r.rating}
          message={t('portal.mine.ratedAs', { rating: t(`portal.rating.${r.rating}`) })}
          description={r.reviewPending ? t('portal.mine.reviewPending') : (r.ratingComment ?? undefined)}
          style={{ marginBottom: 12 }}
        />
      )}
      {r.canRate && <RatePanel report={r} />}
      <div className="jy-portal-card" data-testid={PTID.mineSteps}>
        <Timeline
          items={[...r.steps].reverse().map((s, i) => ({
            key: i,
            color: s.kind === 'verify_pass' ? 'green' : s.kind === 'void' || s.kind === 'verify_fail' ? 'red' : 'blue',
            children: (
              <div>
                <div>
                  {s.kind === 'verify_pass' && s.by
                    ? t(`portal.step.verify_pass.${s.by}`)
                    : isStepKind(s.kind)
                      ? t(`portal.step.${s.kind}`)
                      : t('portal.step.other')}
                </div>
                {s.text && (
                  <div className="jy-portal-text" style={{ color: '#555' }}>
                    {s.text}
                  </div>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(s.at, language)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </div>
    </div>
  );
}
