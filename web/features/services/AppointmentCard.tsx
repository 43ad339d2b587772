// An application's hall appointment (预约到厅) on the resident's page and the staff's: when and where, and booking,
// moving or cancelling it where the server allows the actor to.
import { useState } from 'react';
import { Alert, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ApplicationDetail } from '../../../contracts/services';
import { useLanguage, useT } from '../../app/i18n';
import { errorMessage } from '../../lib/api';
import { useAppointment, useNoShow } from './api';
import { hallErrorMessage, hallSlotText, SlotPicker } from './SlotPicker';

export function AppointmentCard({ a }: { a: ApplicationDetail }) {
  const t = useT();
  const [language] = useLanguage();
  const change = useAppointment(a.id);
  const noShow = useNoShow(a.id);
  const [picking, setPicking] = useState(false);
  const [slot, setSlot] = useState<string | null>(null);
  const may = (x: 'book' | 'move' | 'cancel' | 'no_show') => a.appointmentActions.includes(x);
  if (!a.appointment && a.appointmentActions.length === 0) return null;
  const appt = a.appointment;
  return (
    <div className="jy-portal-card" data-testid="svc-appointment">
      <Typography.Text strong>{t('svc.hall.title')}</Typography.Text>
      <div data-testid="svc-appointment-at" data-starts-at={appt?.startsAt ?? ''} style={{ marginTop: 4 }}>
        {appt ? `${hallSlotText(appt, language)} · ${appt.nodeName ?? ''}` : t('svc.hall.none')}
        {appt?.noShow && (
          <Tag color="orange" style={{ marginLeft: 8 }} data-testid="svc-appointment-no-show">
            {t('svc.hall.noShow')}
          </Tag>
        )}
      </div>
      {appt?.unfit && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('svc.hall.unfit')}
          data-testid="svc-appointment-unfit"
        />
      )}
      {appt && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('svc.hall.bring')}
        </Typography.Paragraph>
      )}
      {(change.isError || noShow.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={hallErrorMessage(change.error ?? noShow.error) ?? errorMessage(change.error ?? noShow.error)}
          data-testid="svc-appointment-error"
        />
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {(may('move') || may('book')) && !picking && (
          <Button onClick={() => setPicking(true)} data-testid="svc-appointment-pick">
            {appt ? t('svc.hall.move') : t('svc.hall.book')}
          </Button>
        )}
        {may('no_show') && (
          <Popconfirm
            title={t('svc.hall.noShowConfirm')}
            okText={t('svc.hall.noShowMark')}
            cancelText={t('svc.hall.keep')}
            onConfirm={() => noShow.mutate()}
          >
            <Button loading={noShow.isPending} data-testid="svc-appointment-mark-no-show">
              {t('svc.hall.noShowMark')}
            </Button>
          </Popconfirm>
        )}
        {may('cancel') && (
          <Popconfirm
            title={t('svc.hall.cancelConfirm')}
            okText={t('svc.hall.cancel')}
            cancelText={t('svc.hall.keep')}
            onConfirm={() => change.mutate(null)}
          >
            <Button danger loading={change.isPending && !picking} data-testid="svc-appointment-cancel">
              {t('svc.hall.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {picking && (
        <>
          <SlotPicker query={{ nodeId: a.nodeId }} value={slot} onChange={setSlot} />
          <Button
            type="primary"
            block
            style={{ marginTop: 12 }}
            disabled={!slot}
            loading={change.isPending}
            data-testid="svc-appointment-confirm"
            onClick={() =>
              slot &&
              change.mutate(slot, {
                onSuccess: () => {
                  setPicking(false);
                  setSlot(null);
                },
              })
            }
          >
            {appt ? t('svc.hall.confirmMove') : t('svc.hall.confirmBook')}
          </Button>
        </>
      )}
    </div>
  );
}
