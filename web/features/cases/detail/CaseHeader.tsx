// The head of the case page: number, status, category, grid, handler, due time (red when overdue), counters and photos.
import { Badge, Card, Descriptions, Image, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { formatDateTime } from '../../../lib/format';
import type { CaseDetail } from '../../../lib/types';
import { useResident } from '../../people/api';
import { photoUrl } from '../api';
import { DueText, StatusTag } from '../labels';
import { CasePlace } from './CasePlace';

/** The resident the case is about, read through the people module's scoped read (a viewer outside their area sees a dash). */
function Subject({ residentId }: { residentId: number }) {
  const resident = useResident(residentId);
  return (
    <span data-testid={TID.caseSubject}>
      {resident.data ? `${resident.data.name}（${resident.data.householdName}）` : '—'}
    </span>
  );
}

/** Thumbnails that open the full photo (with a gallery for the rest). */
export function PhotoStrip({ ids, testId, size = 72 }: { ids: string[]; testId?: string; size?: number }) {
  if (ids.length === 0) return null;
  return (
    <div data-testid={testId} data-count={ids.length}>
      <Image.PreviewGroup>
        <Space wrap size={6}>
          {ids.map((id) => (
            <Image
              key={id}
              src={photoUrl(id, true)}
              preview={{ src: photoUrl(id) }}
              width={size}
              height={size}
              style={{ objectFit: 'cover', borderRadius: 4 }}
              alt=""
            />
          ))}
        </Space>
      </Image.PreviewGroup>
    </div>
  );
}

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const [language] = useLanguage();
  const counters: [string, number][] = [
    [t('case.returns'), detail.returnCount],
    [t('case.rework'), detail.reworkCount],
    [t('case.extensions'), detail.extensionCount],
    [t('case.urges'), detail.urgeCount],
    [t('case.support'), detail.supportCount],
  ];
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid={TID.caseNumber}>
          {detail.number}
        </Typography.Title>
        <StatusTag status={detail.status} testId={TID.caseStatus} />
        {detail.triage && <Tag>{t(`triage.${detail.triage}`)}</Tag>}
        {detail.selfHandled && <Tag color="green">{t('case.selfHandled')}</Tag>}
        {detail.extensionPending && <Tag color="orange">{t('case.extensionPending')}</Tag>}
        {detail.shelvedUntil && (
          <Tag color="purple">{t('case.shelvedUntil', { date: formatDateTime(detail.shelvedUntil, language) })}</Tag>
        )}
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{detail.description}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xxl: 3 }}
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label={t('cases.category')}>
          {detail.categoryName} <Typography.Text type="secondary">{detail.categoryCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.grid')}>{detail.gridName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.channel')}>{t(`channel.${detail.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.assignee')}>
          <span data-testid={TID.caseAssignee}>{detail.assigneeName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.dueAt')}>
          <DueText dueAt={detail.dueAt} overdue={detail.overdue} testId={TID.caseDue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.createdAt')}>{formatDateTime(detail.createdAt, language)}</Descriptions.Item>
        <Descriptions.Item label={t('case.reporter')}>
          {detail.reporterName ?? t('case.anonymous')}
          {detail.reporterPhoneMasked ? ` · ${detail.reporterPhoneMasked}` : ''}
        </Descriptions.Item>
        {detail.residentId !== null && (
          <Descriptions.Item label={t('case.subject')}>
            <Subject residentId={detail.residentId} />
          </Descriptions.Item>
        )}
        {detail.address && <Descriptions.Item label={t('case.address')}>{detail.address}</Descriptions.Item>}
        {detail.rating && (
          <Descriptions.Item label={t('case.rating')}>
            {t(`rating.${detail.rating}`)}
            {detail.ratingComment ? ` · ${detail.ratingComment}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('case.location')}</Typography.Text>
        <CasePlace detail={detail} />
      </div>
      <Space wrap size={16} style={{ marginTop: 12 }}>
        {counters.map(([label, count]) => (
          <span key={label}>
            {label} <Badge count={count} showZero color={count ? '#fa8c16' : '#d9d9d9'} />
          </span>
        ))}
      </Space>
      {detail.photos.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('case.photos')}</Typography.Text>
          <PhotoStrip ids={detail.photos} testId={TID.casePhotos} size={88} />
        </div>
      )}
    </Card>
  );
}
