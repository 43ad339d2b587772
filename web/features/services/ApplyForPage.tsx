// Apply on a resident's behalf (/services/apply): a grid or community worker finds the resident in the registry, picks
// the item and the channel (at the hall: a slot, if the resident wants one), attaches what the resident handed over, and
// submits; the record says on whose behalf and by whom, and the resident sees it among their applications.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EligibilityResult, ServiceChannel } from '../../../contracts/services';
import { useT } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { newIdempotencyKey } from '../cases/report/useReportDraft';
import { SERVICES_KEY, useApply, useCatalogue } from './api';
import { MaterialPicker, type PickedFile } from './MaterialPicker';
import { hallErrorMessage, SlotPicker } from './SlotPicker';

type Found = { id: number; name: string; householdName: string; birthDate: string; idNumberMasked: string | null };

export function ApplyForPage() {
  const t = useT();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [resident, setResident] = useState<Found | null>(null);
  const [code, setCode] = useState<string | undefined>();
  const [channel, setChannel] = useState<ServiceChannel | undefined>();
  const [note, setNote] = useState('');
  const [slot, setSlot] = useState<string | null>(null);
  const [files, setFiles] = useState<Record<string, PickedFile[]>>({});
  const [key] = useState(newIdempotencyKey);
  const found = useQuery({
    queryKey: [...SERVICES_KEY, 'residents', q],
    queryFn: () => api.get<{ items: Found[] }>('/api/people/residents', { q, limit: 20 }),
    enabled: q.trim().length > 0,
  });
  const cat = useCatalogue('');
  const items = useMemo(() => (cat.data?.classes ?? []).flatMap((c) => c.items), [cat.data]);
  const item = items.find((i) => i.code === code);
  const eligibility = useQuery({
    queryKey: [...SERVICES_KEY, 'eligibility', code, resident?.id],
    queryFn: () =>
      api.get<z.infer<typeof EligibilityResult>>(`/api/services/items/${code}/eligibility`, {
        residentId: resident!.id,
      }),
    enabled: !!code && !!resident,
    retry: false,
  });
  const apply = useApply();
  const submit = () =>
    resident &&
    item &&
    channel &&
    apply.mutate(
      {
        key,
        body: {
          itemCode: item.code,
          residentId: resident.id,
          channel,
          appointment: channel === 'hall' && slot ? { startsAt: slot } : undefined,
          note: note.trim() || undefined,
          materials: Object.entries(files)
            .filter(([, f]) => f.length)
            .map(([c, f]) => ({ code: c, fileIds: f.map((x) => x.id) })),
        },
      },
      {
        onSuccess: (a) => {
          feedback.ok(t('svc.appliedFor', { name: resident.name }));
          void navigate(`/services/${a.id}`);
        },
        onError: (e) => {
          const hall = hallErrorMessage(e);
          if (hall) feedback.fail(new Error(hall));
          else feedback.fail(e);
        },
      },
    );

  return (
    <>
      <PageHeader title={t('svc.applyFor')} subtitle={t('svc.applyForHint')} />
      <Card size="small" style={{ maxWidth: 760 }}>
        <Form layout="vertical">
          <Form.Item label={t('svc.pickResident')} required>
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              value={resident?.id}
              onChange={(id) => setResident(found.data?.items.find((r) => r.id === id) ?? null)}
              placeholder={t('svc.searchResident')}
              aria-label={t('svc.pickResident')}
              loading={found.isFetching}
              notFoundContent={q ? t('svc.noResident') : null}
              options={(found.data?.items ?? []).map((r) => ({
                value: r.id,
                label: `${r.name} · ${r.householdName}`,
              }))}
              data-testid="svc-for-resident"
            />
          </Form.Item>
          {resident && (
            <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('svc.col.applicant')}>{resident.name}</Descriptions.Item>
              <Descriptions.Item label={t('svc.household')}>{resident.householdName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.registry')}>
                {resident.birthDate} · {resident.idNumberMasked ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          )}
          <Form.Item label={t('svc.col.item')} required>
            <Select
              showSearch
              optionFilterProp="label"
              value={code}
              onChange={(c) => {
                setCode(c);
                setFiles({});
                const i = items.find((x) => x.code === c);
                setChannel(i?.channels.includes('proxy') ? 'proxy' : i?.channels[0]);
              }}
              placeholder={t('svc.doorPick')}
              aria-label={t('svc.col.item')}
              options={items.map((i) => ({ value: i.code, label: i.name }))}
              data-testid="svc-for-item"
            />
          </Form.Item>
          {eligibility.data && !eligibility.data.eligible && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('svc.ineligible')}
              description={eligibility.data.failures.map((f) => f.message).join('；')}
            />
          )}
          {item && (
            <>
              <Form.Item label={t('svc.how')} required>
                <Select
                  value={channel}
                  onChange={setChannel}
                  aria-label={t('svc.how')}
                  options={item.channels.map((c) => ({ value: c, label: t(`svc.channel.${c}`) }))}
                  data-testid="svc-for-channel"
                />
              </Form.Item>
              {channel === 'hall' && resident && (
                <Form.Item label={t('svc.hall.title')}>
                  <SlotPicker query={{ residentId: resident.id }} value={slot} onChange={setSlot} />
                </Form.Item>
              )}
              <Form.Item label={t('svc.materials')}>
                {item.materials.length === 0 && (
                  <Typography.Text type="secondary">{t('svc.noMaterials')}</Typography.Text>
                )}
                <Space direction="vertical" style={{ width: '100%' }}>
                  {item.materials.map((m) => (
                    <div key={m.code}>
                      <Typography.Text>{m.name}</Typography.Text>
                      {m.example && (
                        <Typography.Text type="secondary">
                          {' '}
                          {t('svc.example')}
                          {m.example}
                        </Typography.Text>
                      )}
                      <MaterialPicker
                        value={files[m.code] ?? []}
                        onChange={(f) => setFiles((x) => ({ ...x, [m.code]: f }))}
                        testId={`svc-for-file-${m.code}`}
                      />
                    </div>
                  ))}
                </Space>
              </Form.Item>
            </>
          )}
          <Form.Item label={t('svc.note')}>
            <Input.TextArea
              rows={2}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('svc.notePlaceholder')}
            />
          </Form.Item>
          <Button
            type="primary"
            disabled={!resident || !item || !channel || eligibility.data?.eligible === false}
            loading={apply.isPending}
            onClick={submit}
            data-testid="svc-for-submit"
          >
            {t('svc.apply')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
