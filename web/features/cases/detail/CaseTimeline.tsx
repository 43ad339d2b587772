// The case history in plain words: who did what and when, the status it moved to, the note and the photos.
import { Card, Timeline, Typography } from 'antd';
import { RATINGS, TRIAGES, type Rating, type Triage } from '../../../../contracts/cases';
import { useLanguage, useT, type MessageKey, type Translate } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { formatDateTime } from '../../../lib/format';
import type { CaseEvent } from '../../../lib/types';
import { StatusTag } from '../labels';
import { PhotoStrip } from './CaseHeader';

const SIMPLE: Record<string, MessageKey> = {
  report: 'event.report',
  self_handle: 'event.self_handle',
  register: 'event.register',
  void: 'event.void',
  accept: 'event.accept',
  return: 'event.return',
  reply: 'event.reply',
  unshelve: 'event.unshelve',
  reopen: 'event.reopen',
  urge: 'event.urge',
  report_in: 'event.report_in',
  comment: 'event.comment',
  support: 'event.support',
  merge: 'event.merge',
  merged: 'event.merged',
};

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

/** The sentence for one event, from the catalogue and the event's data. */
export function describeEvent(e: CaseEvent, t: Translate): string {
  const d = e.data ?? {};
  const simple = SIMPLE[e.action];
  if (simple) return t(simple);
  switch (e.action) {
    case 'dispatch': {
      const triage = TRIAGES.includes(d.triage as Triage) ? t(`triage.${d.triage as Triage}`) : '—';
      return t('event.dispatch', { triage });
    }
    case 'request_extension':
      return t('event.request_extension', { days: num(d.workingDays) });
    case 'decide_extension':
      return d.approve ? t('event.extensionApproved', { days: num(d.workingDays) }) : t('event.extensionRefused');
    case 'verify':
      return d.pass ? t('event.verifyPass') : t('event.verifyFail');
    case 'shelve':
      return t('event.shelve', { date: String(d.reviewOn ?? '—') });
    case 'rate':
      return t('event.rate', {
        rating: RATINGS.includes(d.rating as Rating) ? t(`rating.${d.rating as Rating}`) : '—',
      });
    case 'whistle':
      return t('event.whistle', { count: Array.isArray(d.organisationIds) ? d.organisationIds.length : 0 });
    case 'escalate':
      return t('event.escalate', { level: num(d.level) });
    case 'report_in_overdue':
      return t('event.reportInOverdue', { name: String(d.organisationName ?? '—') });
    default:
      return t('event.other', { action: e.action });
  }
}

export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const t = useT();
  const [language] = useLanguage();
  // Newest first: what happened last is what the reader needs most.
  const ordered = [...events].reverse();
  return (
    <Card size="small" title={t('case.timeline')}>
      <Timeline
        data-testid={TID.caseTimeline}
        items={ordered.map((e) => ({
          key: e.id,
          color: e.action === 'verify' && !e.data?.pass ? 'red' : e.toStatus === 'closed' ? 'green' : 'blue',
          children: (
            <div data-action={e.action}>
              <div>
                <Typography.Text strong>{e.actorName ?? t('event.system')}</Typography.Text> {describeEvent(e, t)}
                {e.toStatus && e.toStatus !== e.fromStatus && (
                  <>
                    {' '}
                    → <StatusTag status={e.toStatus} />
                  </>
                )}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, language)}
              </Typography.Text>
              {e.note && e.action !== 'report' && (
                <Typography.Paragraph className="jy-timeline-note">{e.note}</Typography.Paragraph>
              )}
              <PhotoStrip ids={e.photos} size={56} />
            </div>
          ),
        }))}
      />
    </Card>
  );
}
