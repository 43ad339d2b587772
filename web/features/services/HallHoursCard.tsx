// A community's hall appointment hours on the catalogue page: periods of each open day, slot length and how many
// windows serve at once. Open days come from the business calendar (holidays closed, make-up days open).
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { HallPeriod } from '../../../contracts/services-hall';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { useHallHours, useSaveHallHours } from './api';

export function HallHoursCard({ nodeId }: { nodeId: number }) {
  const t = useT();
  const feedback = useFeedback();
  const hours = useHallHours(nodeId);
  const save = useSaveHallHours();
  const { modal } = App.useApp();
  // Saving hours that no longer hold booked appointments asks first (the server names how many), then tells them.
  const submit = (confirmAffected: boolean) =>
    save.mutate(
      { nodeId, periods, slotMinutes, capacity, ...(confirmAffected ? { confirmAffected } : {}) },
      {
        onSuccess: (r) => feedback.ok(r.notified ? t('svc.hall.savedNotified', { n: r.notified }) : t('svc.saved')),
        onError: (e) => {
          const affected = e instanceof ApiError && e.status === 409 && e.details.find((d) => d.path === 'periods');
          if (!affected) return feedback.fail(e);
          modal.confirm({
            title: t('svc.hall.affectedTitle'),
            content: affected.message,
            okText: t('svc.hall.affectedOk'),
            cancelText: t('svc.hall.affectedBack'),
            onOk: () => submit(true),
          });
        },
      },
    );
  const [periods, setPeriods] = useState<HallPeriod[]>([]);
  const [slotMinutes, setSlotMinutes] = useState(30);
  const [capacity, setCapacity] = useState(1);
  useEffect(() => {
    if (!hours.data) return;
    setPeriods(hours.data.periods);
    setSlotMinutes(hours.data.slotMinutes);
    setCapacity(hours.data.capacity);
  }, [hours.data]);
  const setPeriod = (i: number, p: Partial<HallPeriod>) =>
    setPeriods((xs) => xs.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <Card
      size="small"
      title={t('svc.hall.hours')}
      style={{ marginBottom: 12 }}
      data-testid="svc-hall-hours"
      extra={hours.data && !hours.data.custom && <Tag>{t('svc.hall.defaults')}</Tag>}
    >
      <ErrorAlert error={hours.error} onRetry={hours.refetch} />
      <Typography.Paragraph type="secondary">{t('svc.hall.hoursHint')}</Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8 }}>
        {periods.map((p, i) => (
          <Form.Item key={i} label={t('svc.hall.period', { n: i + 1 })}>
            <Space.Compact>
              <Input
                style={{ width: 80 }}
                value={p.start}
                aria-label={`${t('svc.hall.period', { n: i + 1 })} ${t('svc.hall.start')}`}
                onChange={(e) => setPeriod(i, { start: e.target.value.trim() })}
                data-testid={`svc-hall-start-${i}`}
              />
              <Input
                style={{ width: 80 }}
                value={p.end}
                aria-label={`${t('svc.hall.period', { n: i + 1 })} ${t('svc.hall.end')}`}
                onChange={(e) => setPeriod(i, { end: e.target.value.trim() })}
                data-testid={`svc-hall-end-${i}`}
              />
              {periods.length > 1 && (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('svc.hall.removePeriod', { n: i + 1 })}
                  onClick={() => setPeriods((xs) => xs.filter((_, j) => j !== i))}
                />
              )}
            </Space.Compact>
          </Form.Item>
        ))}
        {periods.length < 4 && (
          <Form.Item>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setPeriods((xs) => [...xs, { start: '18:00', end: '20:00' }])}
            >
              {t('svc.hall.addPeriod')}
            </Button>
          </Form.Item>
        )}
        <Form.Item label={t('svc.hall.slotMinutes')}>
          <InputNumber
            min={10}
            max={240}
            step={5}
            value={slotMinutes}
            onChange={(v) => setSlotMinutes(v ?? 30)}
            aria-label={t('svc.hall.slotMinutes')}
            data-testid="svc-hall-slot-minutes"
          />
        </Form.Item>
        <Form.Item label={t('svc.hall.capacity')}>
          <InputNumber
            min={1}
            max={20}
            value={capacity}
            onChange={(v) => setCapacity(v ?? 1)}
            aria-label={t('svc.hall.capacity')}
            data-testid="svc-hall-capacity"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={save.isPending} data-testid="svc-hall-save" onClick={() => submit(false)}>
            {t('svc.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
