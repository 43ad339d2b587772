// Pieces shared by the resident's and the staff's application pages: status tag, materials, timeline.
import { List, Space, Tag, Timeline, Typography } from 'antd';
import type { ApplicationDetail } from '../../../contracts/services';
import { useLanguage, useT } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import { hallStartText } from './SlotPicker';

/** The hall slot a step booked or moved to (or cancelled), if any. */
const slotOf = (d: Record<string, unknown> | null) => {
  const v = d?.startsAt ?? d?.appointmentAt;
  return typeof v === 'string' ? v : null;
};

const COLOUR: Record<string, string> = {
  submitted: 'blue',
  needs_material: 'orange',
  handling: 'processing',
  forwarded: 'purple',
  approved: 'green',
  refused: 'red',
  issued: 'green',
};

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={COLOUR[status]} data-testid="svc-status" data-status={status}>
      {t(`svc.status.${status}` as 'svc.status.submitted')}
    </Tag>
  );
}

export function Materials({
  a,
  extra,
}: {
  a: ApplicationDetail;
  extra?: (m: ApplicationDetail['materials'][number]) => React.ReactNode;
}) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={a.materials}
      renderItem={(m) => (
        <List.Item data-testid={`svc-material-${m.code}`} data-status={m.status}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{m.name}</Typography.Text>
              <Tag color={m.status === 'accepted' ? 'green' : m.status === 'more_needed' ? 'orange' : undefined}>
                {t(`svc.material.${m.status}`)}
              </Tag>
            </Space>
            {m.reason && m.status === 'more_needed' && (
              <Typography.Text type="warning" data-testid={`svc-reason-${m.code}`}>
                {t('svc.reason')}
                {m.reason}
              </Typography.Text>
            )}
            <Space wrap>
              {m.files.map((f, i) => (
                <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
                  {f.mime === 'application/pdf' ? 'PDF' : t('svc.photo')} {i + 1}
                </a>
              ))}
              {m.files.length === 0 && <Typography.Text type="secondary">{t('svc.noFile')}</Typography.Text>}
            </Space>
            {extra?.(m)}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function Steps({ a }: { a: ApplicationDetail }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <Timeline
      items={a.events.map((e) => ({
        children: (
          <>
            <Typography.Text>
              {t(`svc.event.${e.action}` as 'svc.event.apply')}
              {typeof e.data?.name === 'string' ? `：${e.data.name}` : ''}
              {e.action === 'custody' && e.data?.step
                ? `：${t(`svc.custody.${String(e.data.step)}` as 'svc.custody.received')}`
                : ''}
              {slotOf(e.data) ? `：${hallStartText(slotOf(e.data)!, language)}` : ''}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, language)} {e.actorName ?? ''}
              </Typography.Text>
            </div>
            {e.note && <div>{e.note}</div>}
          </>
        ),
      }))}
    />
  );
}
