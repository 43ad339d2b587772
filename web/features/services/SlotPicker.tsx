// Choosing a slot at the hall (预约到厅): the open days from today to the tenth (make-up working days marked), the
// slots of the chosen day with the seats left, and which holidays the hall is closed on. Times are China time.
import { useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import type { HallSlots } from '../../../contracts/services-hall';
import { useLanguage, useT, type Language } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api';
import { useHallSlots } from './api';

const CHINA = 8 * 3_600_000;

/** 'HH:MM' China time of an instant. */
export const hallTime = (iso: string) => new Date(Date.parse(iso) + CHINA).toISOString().slice(11, 16);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const dayFormats = new Map<Language, Intl.DateTimeFormat>();
/** '9月28日周一' or 'Mon, Sep 28' of a China date, by the browser's Intl in China time. */
export function hallDay(date: string, language: Language): string {
  let f = dayFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      month: language === 'en' ? 'short' : 'long',
      day: 'numeric',
      weekday: 'short',
      timeZone: 'Asia/Shanghai',
    });
    dayFormats.set(language, f);
  }
  return f.format(new Date(`${date}T12:00:00+08:00`));
}
/** '9月28日周一 09:00' of an instant. */
export function hallStartText(iso: string, language: Language): string {
  return `${hallDay(new Date(Date.parse(iso) + CHINA).toISOString().slice(0, 10), language)} ${hallTime(iso)}`;
}
/** '9月28日周一 09:00–09:30' of a slot. */
export function hallSlotText(s: { startsAt: string; endsAt: string }, language: Language): string {
  return `${hallStartText(s.startsAt, language)}–${hallTime(s.endsAt)}`;
}

/** The rule a refused slot broke (full, past, a holiday…), without the generic prefix; null for other errors. */
export function hallErrorMessage(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.details.find((x) => x.path.startsWith('appointment'));
  return d ? d.message : null;
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
/** '10月1日' or 'Oct 1' of a China date. */
function hallDate(date: string, language: Language): string {
  let f = dateFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      month: language === 'en' ? 'short' : 'long',
      day: 'numeric',
      timeZone: 'Asia/Shanghai',
    });
    dateFormats.set(language, f);
  }
  return f.format(new Date(`${date}T12:00:00+08:00`));
}

/** Runs of closed days holding a statutory holiday, as '10月1日–10月7日'. */
function holidayRuns(days: HallSlots['days'], language: Language): string[] {
  const out: string[] = [];
  let run: HallSlots['days'] = [];
  const flush = () => {
    const h = run.filter((d) => d.status === 'holiday');
    if (h.length) {
      const [a, b] = [h[0]!.date, h[h.length - 1]!.date].map((x) => hallDate(x, language));
      out.push(a === b ? a! : language === 'en' ? `${a} – ${b}` : `${a}–${b}`);
    }
    run = [];
  };
  for (const d of days) {
    if (d.status === 'open') flush();
    else run.push(d);
  }
  flush();
  return out;
}

export function SlotPicker({
  query,
  value,
  onChange,
}: {
  query: { nodeId?: number; residentId?: number };
  value: string | null;
  onChange: (startsAt: string) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const slots = useHallSlots(query);
  const [day, setDay] = useState<string | null>(null);
  if (slots.isLoading) return <Spin />;
  if (!slots.data) return <ErrorAlert error={slots.error} onRetry={slots.refetch} />;
  const open = slots.data.days.filter((d) => d.status === 'open' && d.slots.length > 0);
  const current = open.find((d) => d.date === day) ?? open.find((d) => d.slots.some((s) => s.free > 0)) ?? open[0];
  const holidays = holidayRuns(slots.data.days, language);
  return (
    <div data-testid="svc-slot-picker" style={{ marginTop: 8 }}>
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
        {t('svc.hall.where', { name: slots.data.nodeName, n: slots.data.slotMinutes })}
      </Typography.Paragraph>
      {open.length === 0 && <Alert type="info" showIcon message={t('svc.hall.noDays')} />}
      <div role="group" aria-label={t('svc.hall.pickDay')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {open.map((d) => {
          const makeUp = weekday(d.date) === 0 || weekday(d.date) === 6;
          return (
            <Button
              key={d.date}
              type={d.date === current?.date ? 'primary' : 'default'}
              aria-pressed={d.date === current?.date}
              onClick={() => setDay(d.date)}
              data-testid={`svc-day-${d.date}`}
            >
              {hallDay(d.date, language)}
              {makeUp ? ` ${t('svc.hall.makeUp')}` : ''}
            </Button>
          );
        })}
      </div>
      {holidays.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="svc-hall-holidays">
          {t('svc.hall.closedOn', { days: holidays.join(language === 'en' ? ', ' : '、') })}
        </Typography.Paragraph>
      )}
      {current && (
        <div
          role="group"
          aria-label={t('svc.hall.pickTime')}
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))',
            gap: 8,
            marginTop: 12,
          }}
        >
          {current.slots.map((s) => (
            <Button
              key={s.startsAt}
              disabled={s.free === 0}
              type={value === s.startsAt ? 'primary' : 'default'}
              aria-pressed={value === s.startsAt}
              onClick={() => onChange(s.startsAt)}
              data-testid={`svc-time-${hallTime(s.startsAt)}`}
              style={{ height: 'auto', padding: '4px 6px', display: 'flex', flexDirection: 'column', lineHeight: 1.3 }}
            >
              <span>{hallTime(s.startsAt)}</span>
              <span style={{ fontSize: 12 }}>
                {s.free === 0 ? t('svc.hall.full') : t('svc.hall.free', { n: s.free })}
              </span>
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
