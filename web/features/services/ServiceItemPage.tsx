// One service item for a resident: what to bring (with examples), whether they may apply, and applying online with
// photos or PDFs of the materials, booking a slot at the hall, or asking for a door-to-door visit or a proxy errand.
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Radio, Space, Spin, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { ServiceChannel } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import { SERVICES_KEY, useApply, useEligibility, useItem } from './api';
import { MaterialPicker, type PickedFile } from './MaterialPicker';
import { hallErrorMessage, SlotPicker } from './SlotPicker';

export function ServiceItemPage() {
  const t = useT();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const item = useItem(code);
  const elig = useEligibility(code);
  const apply = useApply();
  const key = useMemo(() => crypto.randomUUID(), []);
  const [files, setFiles] = useState<Record<string, PickedFile[]>>({});
  const [channel, setChannel] = useState<ServiceChannel>('online');
  const [slot, setSlot] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  if (item.isLoading) return <Spin />;
  if (!item.data) return <ErrorAlert error={item.error} onRetry={item.refetch} />;
  const i = item.data;
  const offered: ServiceChannel[] = i.channels;
  const hall = channel === 'hall';
  const submit = () =>
    apply.mutate(
      {
        key,
        body: {
          itemCode: i.code,
          channel,
          appointment: hall && slot ? { startsAt: slot } : undefined,
          note: note.trim() || undefined,
          materials: Object.entries(files)
            .filter(([, f]) => f.length)
            .map(([c, f]) => ({ code: c, fileIds: f.map((x) => x.id) })),
        },
      },
      {
        onSuccess: (a) => navigate(`/m/applications/${a.id}`),
        // A slot taken meanwhile shows as full once the slots are read again.
        onError: () => void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'hall-slots'] }),
      },
    );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {i.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {i.responseMinutes ? t('svc.instant', { n: i.responseMinutes }) : t('svc.days', { n: i.limitDays ?? 0 })}
          {' · '}
          {i.organisationName ?? t('svc.byCommunity')}
          {i.fee ? ` · ${i.fee}` : ` · ${t('svc.free')}`}
        </Typography.Paragraph>
      </div>
      {elig.data && !elig.data.eligible && (
        <Alert
          type="warning"
          showIcon
          data-testid="svc-ineligible"
          message={t('svc.ineligible')}
          description={elig.data.failures.map((f) => (
            <div key={f.fact + f.message}>{f.message}</div>
          ))}
        />
      )}
      {elig.data?.eligible && <Alert type="success" showIcon message={t('svc.eligible')} data-testid="svc-eligible" />}
      <div className="jy-portal-card">
        <Typography.Text strong>{t('svc.materials')}</Typography.Text>
        {i.materials.length === 0 && <Typography.Paragraph>{t('svc.noMaterials')}</Typography.Paragraph>}
        {i.materials.map((m) => (
          <div key={m.code} style={{ marginTop: 10 }}>
            <Typography.Text>{m.name}</Typography.Text>
            {m.example && (
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                {t('svc.example')}
                {m.example}
              </Typography.Paragraph>
            )}
            {channel === 'online' && (
              <MaterialPicker
                testId={`svc-file-${m.code}`}
                value={files[m.code] ?? []}
                onChange={(f) => setFiles((x) => ({ ...x, [m.code]: f }))}
              />
            )}
          </div>
        ))}
      </div>
      <div className="jy-portal-card">
        <Typography.Text strong>{t('svc.how')}</Typography.Text>
        <Radio.Group
          value={channel}
          onChange={(e) => setChannel(e.target.value as ServiceChannel)}
          style={{ display: 'block', marginTop: 8 }}
        >
          <Space direction="vertical">
            {offered.map((c) => (
              <Radio key={c} value={c} data-testid={`svc-channel-${c}`}>
                {t(`svc.channel.${c}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {hall && (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('svc.hall.bring')}
            </Typography.Paragraph>
            <SlotPicker query={{}} value={slot} onChange={setSlot} />
          </>
        )}
        <Input.TextArea
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('svc.notePlaceholder')}
          style={{ marginTop: 8 }}
          data-testid="svc-note"
        />
      </div>
      {apply.isError && (
        <Alert
          type="error"
          showIcon
          message={hallErrorMessage(apply.error) ?? errorMessage(apply.error)}
          data-testid="svc-apply-error"
        />
      )}
      <Button
        type="primary"
        size="large"
        block
        disabled={elig.data?.eligible === false || !offered.includes(channel) || (hall && !slot)}
        loading={apply.isPending}
        onClick={submit}
        data-testid="svc-apply"
      >
        {hall && !slot ? t('svc.hall.pickSlot') : t('svc.apply')}
      </Button>
    </Space>
  );
}
