// Scheduling a council meeting: a day (the council's next meeting days are one tap away), a time and a place.
import { useState } from 'react';
import { Button, DatePicker, Input, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { useDelibPost, type CouncilData } from './api';
import { DelibError } from './DelibError';

const field = { display: 'flex', flexDirection: 'column', gap: 2, maxWidth: '100%' } as const;

export function ScheduleMeeting({ c, onDone }: { c: CouncilData; onDone: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const [day, setDay] = useState<Dayjs | null>(c.nextMeetingDays[0] ? dayjs(c.nextMeetingDays[0]) : null);
  const [time, setTime] = useState<Dayjs | null>(dayjs('2000-01-01T19:00'));
  const [place, setPlace] = useState('');
  const id = (s: string) => `meeting-${c.id}-${s}`;
  const save = () => {
    if (!day || !time) return;
    const startsAt = day.hour(time.hour()).minute(time.minute()).second(0).millisecond(0).format();
    post.mutate({ path: `/councils/${c.id}/meetings`, body: { startsAt, place } }, { onSuccess: onDone });
  };
  return (
    <div data-testid={`schedule-${c.id}`}>
      <DelibError error={post.error} />
      {c.nextMeetingDays.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('delib.meetingDays')}</Typography.Text>
          {c.nextMeetingDays.map((d) => (
            <Button key={d} size="small" onClick={() => setDay(dayjs(d))}>
              {d}
            </Button>
          ))}
        </Space>
      )}
      <Space wrap align="end">
        <label style={field} htmlFor={id('day')}>
          <Typography.Text type="secondary">{t('delib.meetingDay')}</Typography.Text>
          <DatePicker id={id('day')} value={day} onChange={setDay} data-testid={`mtg-day-${c.id}`} />
        </label>
        <label style={field} htmlFor={id('time')}>
          <Typography.Text type="secondary">{t('delib.meetingTime')}</Typography.Text>
          <TimePicker
            id={id('time')}
            format="HH:mm"
            minuteStep={5}
            value={time}
            onChange={setTime}
            needConfirm={false}
          />
        </label>
        <label style={field} htmlFor={id('place')}>
          <Typography.Text type="secondary">{t('delib.meetingPlace')}</Typography.Text>
          <Input
            id={id('place')}
            data-testid={`mtg-place-${c.id}`}
            style={{ width: 260, maxWidth: '100%' }}
            maxLength={100}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
          />
        </label>
        <Button
          type="primary"
          data-testid={`mtg-save-${c.id}`}
          disabled={!day || !time || !place.trim()}
          loading={post.isPending}
          onClick={save}
        >
          {t('delib.schedule')}
        </Button>
      </Space>
    </div>
  );
}
