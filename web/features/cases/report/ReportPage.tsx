// The report form (/cases/new) for a 360-px phone: the draft survives a closed tab and sending is idempotent.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Switch, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n';
import { useMe } from '../../../app/session';
import { STAFF_CATEGORY_IDS, TID } from '../../../app/testids';
import { CategoryPicker } from '../../../components/CategoryPicker';
import { PageHeader } from '../../../components/PageHeader';
import { ApiError, errorMessage } from '../../../lib/api';
import { useFeedback } from '../../../lib/useFeedback';
import type { CaseDetail, SimilarCase } from '../../../lib/types';
import { useResident } from '../../people/api';
import { fetchSimilar, useCategories, useReportCase, useSupportCase } from '../api';
import { PhotoUploader } from '../PhotoUploader';
import { LocationPicker } from './LocationPicker';
import { SimilarModal } from './SimilarModal';
import { useReportDraft } from './useReportDraft';

type Errors = Partial<Record<'categoryCode' | 'location' | 'address' | 'description' | 'photos' | 'form', string>>;

/** The resident the report is about, shown to the reporter and kept out of the description (which may become public). */
function Subject({ residentId, onRemove }: { residentId: number; onRemove: () => void }) {
  const t = useT();
  const resident = useResident(residentId);
  const who = resident.data ? `${resident.data.name}（${resident.data.householdName}）` : '…';
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('report.subject', { who })}
      description={t('report.subjectHint')}
      data-testid={TID.reportSubject}
      action={
        <Button size="small" onClick={onRemove}>
          {t('report.subjectRemove')}
        </Button>
      }
    />
  );
}

/** Server issues by the first segment of their path ("location.lat" → location). */
function serverErrors(error: unknown): Errors {
  if (!(error instanceof ApiError)) return {};
  const out: Errors = {};
  for (const issue of error.details) {
    const field = issue.path.split('.')[0] as keyof Errors;
    if (['categoryCode', 'location', 'address', 'description', 'photos'].includes(field)) out[field] ??= issue.message;
  }
  return out;
}

export function ReportPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const { draft, restored, update, clear } = useReportDraft(me.id);
  const categories = useCategories();
  const report = useReportCase();
  const support = useSupportCase();
  const [errors, setErrors] = useState<Errors>({});
  const [offline, setOffline] = useState(false);
  const [checking, setChecking] = useState(false);
  const [similar, setSimilar] = useState<SimilarCase[] | null>(null);
  const isResident = me.bindings.some((b) => b.role === 'resident');
  const residentOnly = me.bindings.every((b) => b.role === 'resident');
  const category = categories.data?.find((c) => c.code === draft.categoryCode);
  const needsLocation = category?.requiredFields.includes('location') ?? false;

  const change = (patch: Parameters<typeof update>[0]) => {
    update(patch);
    const cleared = Object.keys(patch);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !cleared.includes(k))));
  };

  const done = (detail: CaseDetail, text: string) => {
    clear();
    setSimilar(null);
    feedback.ok(text);
    navigate(`/cases/${detail.id}`);
  };

  const send = async () => {
    setOffline(false);
    update({ attempted: true });
    try {
      const detail = await report.mutateAsync({
        key: draft.key,
        body: {
          channel: residentOnly ? 'resident' : 'patrol',
          categoryCode: draft.categoryCode ?? '',
          description: draft.description.trim(),
          location: draft.location ?? undefined,
          address: draft.address.trim() || undefined,
          photos: draft.photos.map((p) => p.id),
          solvedOnSpot: draft.solvedOnSpot,
          anonymous: isResident && draft.anonymous,
          residentId: draft.residentId ?? undefined,
        },
      });
      done(detail, t('report.submitted', { number: detail.number }));
    } catch (error) {
      setSimilar(null);
      if (error instanceof ApiError && error.code === 'network') setOffline(true);
      else {
        // The server answered with a refusal: no case was made, so the next send may look for similar ones again.
        update({ attempted: false });
        const fields = serverErrors(error);
        setErrors(Object.keys(fields).length ? fields : { form: errorMessage(error) });
      }
    }
  };

  const submit = async () => {
    const local: Errors = {};
    if (!draft.categoryCode) local.categoryCode = t('report.categoryRequired');
    if (!draft.description.trim()) local.description = t('report.descriptionRequired');
    if (needsLocation && !draft.location) local.location = t('report.locationRequired');
    setErrors(local);
    if (Object.keys(local).length) return;
    // Same problem already reported nearby? Offer "me too" first (a failed look-up never blocks the report).
    if (draft.categoryCode && draft.location && !draft.solvedOnSpot && !draft.attempted) {
      setChecking(true);
      const found = await fetchSimilar(
        draft.categoryCode,
        draft.location.lat,
        draft.location.lng,
        draft.description,
      ).catch(() => []);
      setChecking(false);
      if (found.length) {
        setSimilar(found);
        return;
      }
    }
    await send();
  };

  const meToo = (id: number) =>
    support.mutate(id, {
      onSuccess: (detail) => done(detail, t('report.meTooDone')),
      onError: (e) => feedback.fail(e),
    });

  const item = (key: keyof Errors) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});

  return (
    <div className="jy-report">
      <PageHeader title={t('report.title')} />
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('report.draftRestored')}
          data-testid={TID.reportDraftRestored}
          action={
            <Button size="small" onClick={clear}>
              {t('report.discardDraft')}
            </Button>
          }
        />
      )}
      {offline && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('report.offline')} />}
      {errors.form && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={errors.form} />}
      <Card size="small">
        <Form layout="vertical" data-testid={TID.reportForm} onFinish={() => void submit()} requiredMark>
          {draft.residentId !== null && (
            <Subject residentId={draft.residentId} onRemove={() => change({ residentId: null })} />
          )}
          <Form.Item label={t('report.category')} required {...item('categoryCode')}>
            <CategoryPicker
              ids={STAFF_CATEGORY_IDS}
              searchLabel={t('report.categorySearch')}
              value={draft.categoryCode}
              onChange={(categoryCode) => change({ categoryCode })}
            />
          </Form.Item>
          <Form.Item label={t('report.location')} required={needsLocation} {...item('location')}>
            <LocationPicker value={draft.location} onChange={(location) => change({ location })} />
          </Form.Item>
          <Form.Item label={t('report.address')} {...item('address')}>
            <Input
              value={draft.address}
              maxLength={200}
              placeholder={t('report.addressPlaceholder')}
              onChange={(e) => change({ address: e.target.value })}
              data-testid={TID.reportAddress}
            />
          </Form.Item>
          <Form.Item label={t('report.description')} required {...item('description')}>
            <Input.TextArea
              value={draft.description}
              rows={4}
              maxLength={2000}
              showCount
              placeholder={t('report.descriptionPlaceholder')}
              onChange={(e) => change({ description: e.target.value })}
              data-testid={TID.reportDescription}
            />
          </Form.Item>
          <Form.Item label={t('report.photos')} {...item('photos')}>
            <PhotoUploader value={draft.photos} onChange={(photos) => change({ photos })} />
          </Form.Item>
          <Form.Item extra={t('report.solvedOnSpotHint')}>
            <Switch
              checked={draft.solvedOnSpot}
              onChange={(solvedOnSpot) => change({ solvedOnSpot })}
              data-testid={TID.reportSolved}
              aria-label={t('report.solvedOnSpot')}
            />{' '}
            <Typography.Text>{t('report.solvedOnSpot')}</Typography.Text>
          </Form.Item>
          {isResident && (
            <Form.Item extra={t('report.anonymousHint')}>
              <Switch
                checked={draft.anonymous}
                onChange={(anonymous) => change({ anonymous })}
                data-testid={TID.reportAnonymous}
                aria-label={t('report.anonymous')}
              />{' '}
              <Typography.Text>{t('report.anonymous')}</Typography.Text>
            </Form.Item>
          )}
          <div className="jy-submit-bar">
            <Button
              type="primary"
              size="large"
              block
              htmlType="submit"
              icon={<SendOutlined />}
              loading={checking || report.isPending}
              data-testid={TID.reportSubmit}
            >
              {t('report.submit')}
            </Button>
          </div>
        </Form>
      </Card>
      <SimilarModal
        items={similar}
        supporting={support.isPending ? (support.variables ?? null) : null}
        onMeToo={meToo}
        onContinue={() => void send()}
        onCancel={() => setSimilar(null)}
      />
    </div>
  );
}
