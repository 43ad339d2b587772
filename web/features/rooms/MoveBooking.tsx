// Moving a booking: one occurrence, or it and the rest of its series by the same amount. The server re-checks the new
// time; a taken slot is answered with free times of the same part that day, to pick in one tap.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { fetchAlternatives, useMoveBooking, type AlternativeData, type BookingData } from './api';
import { cnDate, cnTime, instant } from './time';

type Values = { date: string; start: string; end: string; scope: 'this' | 'following' };

export function MoveBookingModal({ booking, onClose }: { booking: BookingData | null; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const move = useMoveBooking();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<AlternativeData[] | null>(null);

  const send = async (v: Values) => {
    if (!booking) return;
    const startsAt = instant(v.date, v.start);
    const endsAt = instant(v.date, v.end);
    setProblem(null);
    setAlternatives(null);
    try {
      await move.mutateAsync({ id: booking.id, scope: v.scope, startsAt, endsAt });
      feedback.ok(t('rooms.move.done'));
      onClose();
    } catch (error) {
      const e = error instanceof ApiError ? error : null;
      setProblem(e ? (e.details.length ? e.details.map((d) => d.message).join('；') : e.message) : String(error));
      if (e?.status === 409) {
        const alt = await fetchAlternatives(booking.spaceId, { partId: booking.partId, startsAt, endsAt });
        // A move keeps its space and part: only free times of the same part are offered.
        setAlternatives(alt.items.filter((a) => a.spaceId === booking.spaceId && a.partId === booking.partId));
      }
    }
  };

  return (
    <Modal
      open={booking != null}
      onCancel={onClose}
      title={booking ? `${t('rooms.move.title')} · ${booking.title ?? ''}` : ''}
      okText={t('rooms.move.submit')}
      okButtonProps={{ loading: move.isPending, 'data-testid': 'move-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {booking && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void send(v)}
          initialValues={{
            date: cnDate(booking.startsAt),
            start: cnTime(booking.startsAt),
            end: cnTime(booking.endsAt),
            scope: 'this',
          }}
        >
          <Typography.Paragraph type="secondary">
            {booking.spaceName} · {booking.partName} · {cnDate(booking.startsAt)} {cnTime(booking.startsAt)}–
            {cnTime(booking.endsAt)}
          </Typography.Paragraph>
          <Space wrap size={8}>
            <Form.Item name="date" label={t('rooms.date')} rules={[{ required: true, message: t('common.required') }]}>
              <Input type="date" data-testid="move-date" />
            </Form.Item>
            <Form.Item
              name="start"
              label={t('rooms.start')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input type="time" step={900} data-testid="move-start" />
            </Form.Item>
            <Form.Item name="end" label={t('rooms.end')} rules={[{ required: true, message: t('common.required') }]}>
              <Input type="time" step={900} data-testid="move-end" />
            </Form.Item>
          </Space>
          {booking.seriesId && (
            <Form.Item name="scope" label={t('rooms.move.scope')}>
              <Radio.Group
                options={[
                  { value: 'this', label: t('rooms.cancelThis') },
                  { value: 'following', label: t('rooms.move.following') },
                ]}
              />
            </Form.Item>
          )}
          {problem && <Alert type="error" showIcon message={problem} data-testid="move-problem" />}
          {alternatives && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text strong>
                {alternatives.length ? t('rooms.alternatives') : t('rooms.noAlternatives')}
              </Typography.Text>
              <Space wrap style={{ marginTop: 8 }}>
                {alternatives.map((a) => (
                  <Button
                    key={a.startsAt}
                    data-testid="move-alternative"
                    onClick={() =>
                      form.setFieldsValue({
                        date: cnDate(a.startsAt),
                        start: cnTime(a.startsAt),
                        end: cnTime(a.endsAt),
                      })
                    }
                  >
                    {cnTime(a.startsAt)}–{cnTime(a.endsAt)}
                  </Button>
                ))}
              </Space>
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
}
