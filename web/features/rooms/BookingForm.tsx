// The booking form shared by the staff page and the residents' portal: part, date and times, purpose, head count,
// an optional weekly or monthly repeat; a taken slot is answered with free alternatives to book in one tap.
import { useRef, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { fetchAlternatives, useBook, type AlternativeData, type BookingBody, type SpaceData } from './api';
import { addDays, cnDate, cnTime, instant } from './time';

type Values = {
  partId: number;
  date: string;
  start: string;
  end: string;
  title: string;
  attendees: number;
  repeat: 'none' | 'weekly' | 'monthly';
  until?: string;
  skipConflicts: boolean;
};

type Outcome = { kind: 'booked'; count: number; skipped: string[]; pending: boolean } | null;

export function BookingForm({ space, date, onBooked }: { space: SpaceData; date: string; onBooked?: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const book = useBook();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<AlternativeData[] | null>(null);
  /** For each date a series skipped because it was taken: free slots that day to book instead, one tap each. */
  const [skippedAlternatives, setSkippedAlternatives] = useState<{ date: string; items: AlternativeData[] }[]>([]);
  const last = useRef<{ values: Values; key: string } | null>(null);
  const repeat = Form.useWatch('repeat', form);

  const send = async (spaceId: number, body: BookingBody, values: Values) => {
    // One key per attempt: a double tap or a retried request books once; a changed form gets a new key.
    const same = last.current && JSON.stringify(last.current.values) === JSON.stringify(values);
    const key = same ? last.current!.key : crypto.randomUUID();
    last.current = { values, key };
    setProblem(null);
    setOutcome(null);
    setAlternatives(null);
    setSkippedAlternatives([]);
    try {
      const r = await book.mutateAsync({ spaceId, body, key });
      setOutcome({
        kind: 'booked',
        count: r.bookings.length,
        skipped: r.skipped.map((s) => s.date),
        pending: r.bookings.some((b) => b.status === 'pending'),
      });
      onBooked?.();
      const taken = r.skipped.filter((x) => x.reason === 'taken').slice(0, 5);
      if (taken.length)
        setSkippedAlternatives(
          await Promise.all(
            taken.map(async (x) => ({
              date: x.date,
              items: (
                await fetchAlternatives(spaceId, {
                  partId: body.partId,
                  startsAt: instant(x.date, values.start),
                  endsAt: instant(x.date, values.end),
                })
              ).items.slice(0, 4),
            })),
          ),
        );
    } catch (error) {
      const e = error instanceof ApiError ? error : null;
      // The rule the server names (the field's message) says more than the generic text of the code.
      setProblem(e ? (e.details.length ? e.details.map((d) => d.message).join('；') : e.message) : String(error));
      if (e?.status === 409 && !body.recurrence) {
        const alt = await fetchAlternatives(spaceId, {
          partId: body.partId,
          startsAt: body.startsAt,
          endsAt: body.endsAt,
        });
        setAlternatives(alt.items);
      }
    }
  };

  const submit = (v: Values) => {
    const body: BookingBody = {
      partId: v.partId,
      title: v.title.trim(),
      attendees: v.attendees,
      startsAt: instant(v.date, v.start),
      endsAt: instant(v.date, v.end),
      ...(v.repeat !== 'none' && v.until
        ? { recurrence: { freq: v.repeat, until: v.until, skipConflicts: v.skipConflicts } }
        : {}),
    };
    void send(space.id, body, v);
  };

  const takeAlternative = (a: AlternativeData) => {
    const v = form.getFieldsValue();
    void send(
      a.spaceId,
      { partId: a.partId, title: v.title.trim(), attendees: v.attendees, startsAt: a.startsAt, endsAt: a.endsAt },
      {
        ...v,
        partId: a.partId,
        date: cnDate(a.startsAt),
        start: cnTime(a.startsAt),
        end: cnTime(a.endsAt),
        repeat: 'none',
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        partId: space.parts[0]?.id,
        date,
        start: '10:00',
        end: '11:00',
        attendees: 10,
        repeat: 'none',
        until: addDays(date, 28),
        skipConflicts: true,
      }}
      data-testid="room-book-form"
    >
      {/* A validator, not `required`: antd would put aria-required on the radio group's div, which has no role. */}
      <Form.Item
        name="partId"
        label={t('rooms.part')}
        rules={[
          { validator: (_, v) => (v == null ? Promise.reject(new Error(t('common.required'))) : Promise.resolve()) },
        ]}
      >
        <Radio.Group
          optionType="button"
          options={space.parts.map((p) => ({
            value: p.id,
            label: `${p.name}（${t('rooms.capacityN', { n: p.capacity })}）`,
          }))}
        />
      </Form.Item>
      <Space wrap size={8} style={{ width: '100%' }}>
        <Form.Item name="date" label={t('rooms.date')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" data-testid="room-book-date" />
        </Form.Item>
        <Form.Item name="start" label={t('rooms.start')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="time" step={900} data-testid="room-book-start" />
        </Form.Item>
        <Form.Item name="end" label={t('rooms.end')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="time" step={900} data-testid="room-book-end" />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('rooms.hoursHint', { opens: space.opens, closes: space.closes })}
        {space.bufferAfterMin || space.bufferBeforeMin
          ? t('rooms.bufferHint', { before: space.bufferBeforeMin, after: space.bufferAfterMin })
          : ''}
      </Typography.Paragraph>
      <Form.Item
        name="title"
        label={t('rooms.purpose')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}
      >
        <Input maxLength={100} data-testid="room-book-title" />
      </Form.Item>
      <Form.Item
        name="attendees"
        label={t('rooms.attendees')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <InputNumber min={1} max={10000} style={{ width: 140 }} data-testid="room-book-attendees" />
      </Form.Item>
      <Form.Item name="repeat" label={t('rooms.repeat')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'none', label: t('rooms.repeat.none') },
            { value: 'weekly', label: <span data-testid="room-book-weekly">{t('rooms.repeat.weekly')}</span> },
            { value: 'monthly', label: t('rooms.repeat.monthly') },
          ]}
        />
      </Form.Item>
      {repeat && repeat !== 'none' && (
        <Space wrap size={16}>
          <Form.Item name="until" label={t('rooms.until')} extra={t('rooms.untilHint')}>
            <Input type="date" data-testid="room-book-until" />
          </Form.Item>
          <Form.Item name="skipConflicts" label={t('rooms.skipConflicts')} valuePropName="checked">
            <Switch data-testid="room-book-skip" />
          </Form.Item>
        </Space>
      )}
      {problem && (
        <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="room-book-problem" />
      )}
      {alternatives && (
        <div style={{ marginBottom: 12 }} data-testid="room-alternatives">
          <Typography.Text strong>
            {alternatives.length ? t('rooms.alternatives') : t('rooms.noAlternatives')}
          </Typography.Text>
          <Space wrap style={{ marginTop: 8 }}>
            {alternatives.map((a) => (
              <Button
                key={`${a.partId}-${a.startsAt}`}
                onClick={() => takeAlternative(a)}
                data-testid="room-alternative"
              >
                {a.spaceId === space.id ? '' : `${a.spaceName} · `}
                {a.partName} {cnTime(a.startsAt)}–{cnTime(a.endsAt)}
              </Button>
            ))}
          </Space>
        </div>
      )}
      {outcome && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="room-booked"
          message={
            outcome.pending ? t('rooms.bookedPending', { n: outcome.count }) : t('rooms.booked', { n: outcome.count })
          }
          description={outcome.skipped.length ? t('rooms.skipped', { dates: outcome.skipped.join('、') }) : undefined}
        />
      )}
      {skippedAlternatives.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="room-skipped-alternatives">
          <Typography.Text strong>{t('rooms.skippedAlternatives')}</Typography.Text>
          {skippedAlternatives.map((d) => (
            <div key={d.date} style={{ marginTop: 8 }}>
              <Typography.Text>{d.date}：</Typography.Text>
              {d.items.length === 0 ? (
                <Typography.Text type="secondary">{t('rooms.noneFree')}</Typography.Text>
              ) : (
                <Space wrap size={4}>
                  {d.items.map((a) => (
                    <Button
                      size="small"
                      key={`${a.partId}-${a.startsAt}`}
                      onClick={() => takeAlternative(a)}
                      data-testid="room-skipped-alternative"
                    >
                      {a.spaceId === space.id ? '' : `${a.spaceName} · `}
                      {a.partName} {cnTime(a.startsAt)}–{cnTime(a.endsAt)}
                    </Button>
                  ))}
                </Space>
              )}
            </div>
          ))}
        </div>
      )}
      <Button type="primary" htmlType="submit" block loading={book.isPending} data-testid="room-book-submit">
        {t('rooms.book')}
      </Button>
    </Form>
  );
}

export { cnDate };
