// Report in three steps (what, where, photos and words) with a draft kept on the phone until sent; before sending,
// similar open reports nearby are offered with "me too" (我也遇到) in place of a duplicate.
import { useState } from 'react';
import { Alert, Button, Input, Result, Switch, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { errorMessage } from '../../lib/api';
import { PhotoUploader } from '../cases/PhotoUploader';
import { LocationPicker } from '../cases/report/LocationPicker';
import { useReportDraft } from '../cases/report/useReportDraft';
import { fetchSimilar, useGridAt, useSendReport, useSupport } from './api';
import { CategoryPicker } from '../../components/CategoryPicker';
import { PublicReportCard } from './PublicReportCard';
import { PORTAL_CATEGORY_IDS, PTID } from './testids';
import type { PublicReport } from './types';

const STEPS = ['portal.report.step.what', 'portal.report.step.where', 'portal.report.step.describe'] as const;

export function ReportWizard() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { draft, restored, update, clear } = useReportDraft(me.id);
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [similar, setSimilar] = useState<PublicReport[] | null>(null);
  const [supported, setSupported] = useState<PublicReport | null>(null);
  const [checking, setChecking] = useState(false);
  const grid = useGridAt(draft.location);
  const send = useSendReport();
  const support = useSupport();

  if (supported) {
    return (
      <Result
        status="success"
        title={t('portal.report.meTooDone')}
        subTitle={
          <>
            {t('portal.report.meTooCount', { count: supported.supportCount })}
            <br />
            {t('portal.report.meTooFollow')}
          </>
        }
        extra={[
          <Link key="follow" to={`/m/mine/${supported.id}`}>
            <Button type="primary" size="large" data-testid={PTID.meTooFollow}>
              {t('portal.report.meTooOpen')}
            </Button>
          </Link>,
          <Link key="home" to="/m">
            <Button size="large">{t('portal.report.backHome')}</Button>
          </Link>,
        ]}
        data-testid={PTID.sent}
      />
    );
  }

  const ready = [
    draft.categoryCode !== null,
    draft.location !== null && grid.isSuccess,
    draft.description.trim().length > 0,
  ];
  const doSend = () => {
    update({ attempted: true });
    const body = {
      categoryCode: draft.categoryCode!,
      description: draft.description.trim(),
      location: draft.location!,
      address: draft.address.trim() || undefined,
      photos: draft.photos.map((p) => p.id),
      anonymous: draft.anonymous,
    };
    send.mutate(
      { body, key: draft.key },
      {
        onSuccess: (r) => {
          clear();
          navigate(`/m/mine/${r.id}`, { replace: true });
        },
      },
    );
  };
  const trySend = async () => {
    // A send was tried already: the server may hold the case, so the same key is sent again without asking twice.
    if (draft.attempted) return doSend();
    setChecking(true);
    const found = await fetchSimilar(draft.categoryCode!, draft.location!).catch(() => []);
    setChecking(false);
    if (found.length) setSimilar(found);
    else doSend();
  };

  if (similar) {
    return (
      <div data-testid={PTID.similar}>
        <Alert
          type="info"
          showIcon
          message={t('portal.report.similarTitle')}
          description={t('portal.report.similarHint')}
          style={{ marginBottom: 12 }}
        />
        {similar.map((r) => (
          <PublicReportCard key={r.id} report={r} testId={PTID.similarItem}>
            <Button
              type="primary"
              size="large"
              block
              loading={support.isPending}
              data-testid={PTID.meToo}
              onClick={() =>
                support.mutate(r.id, {
                  onSuccess: (x) => {
                    clear();
                    setSupported(x);
                  },
                })
              }
            >
              {t('portal.report.meToo')}
            </Button>
          </PublicReportCard>
        ))}
        {support.isError && <Alert type="error" showIcon message={errorMessage(support.error)} />}
        <Button
          size="large"
          block
          onClick={() => {
            setSimilar(null);
            doSend();
          }}
          data-testid={PTID.similarSend}
        >
          {t('portal.report.sendAnyway')}
        </Button>
      </div>
    );
  }

  return (
    <div>
      {/* Decoration: the heading below says the step in words ("1/3 · …"), so screen readers skip the dots. */}
      <div className="jy-portal-steps" aria-hidden="true">
        {STEPS.map((s, i) => (
          <span key={s} className={i <= step ? 'on' : ''} />
        ))}
      </div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {step + 1}/3 · {t(STEPS[step])}
      </Typography.Title>
      {restored && (
        <Alert
          type="info"
          showIcon
          closable
          message={t('portal.report.draftRestored')}
          style={{ marginBottom: 12 }}
          data-testid={PTID.draftRestored}
        />
      )}
      <div className="jy-portal-card">
        {step === 0 && (
          <CategoryPicker
            variant="phone"
            ids={PORTAL_CATEGORY_IDS}
            searchLabel={t('portal.report.categorySearch')}
            value={draft.categoryCode}
            onChange={(code) => update({ categoryCode: code })}
          />
        )}
        {step === 1 && (
          <>
            <LocationPicker value={draft.location} onChange={(location) => update({ location })} />
            {draft.location && (
              <Typography.Paragraph
                data-testid={PTID.gridFound}
                style={{ marginTop: 8 }}
                type={grid.isError ? 'danger' : undefined}
              >
                {grid.isSuccess
                  ? t('portal.report.gridFound', { grid: grid.data.gridName })
                  : grid.isError
                    ? t('portal.report.outside')
                    : t('common.loading')}
              </Typography.Paragraph>
            )}
            <Input
              size="large"
              value={draft.address}
              maxLength={200}
              onChange={(e) => update({ address: e.target.value })}
              placeholder={t('report.addressPlaceholder')}
              aria-label={t('report.address')}
            />
          </>
        )}
        {step === 2 && (
          <>
            <Typography.Text strong>{t('report.description')}</Typography.Text>
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
              placeholder={t('report.descriptionPlaceholder')}
              data-testid={PTID.description}
              style={{ margin: '6px 0 16px' }}
            />
            <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
              {t('portal.report.photos')}
            </Typography.Text>
            <PhotoUploader value={draft.photos} onChange={(photos) => update({ photos: photos.slice(0, 6) })} />
            <label style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 16, minHeight: 48 }}>
              <Switch
                checked={draft.anonymous}
                onChange={(anonymous) => update({ anonymous })}
                data-testid={PTID.anonymous}
              />
              <span>{t('portal.report.anonymous')}</span>
            </label>
          </>
        )}
      </div>
      {send.isError && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(send.error)}
          description={t('portal.report.retryHint')}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="jy-portal-footer">
        {step > 0 && (
          <Button size="large" onClick={() => setStep((step - 1) as 0 | 1)} data-testid={PTID.stepBack}>
            {t('portal.report.back')}
          </Button>
        )}
        {step < 2 ? (
          <Button
            type="primary"
            size="large"
            disabled={!ready[step]}
            onClick={() => setStep((step + 1) as 1 | 2)}
            data-testid={PTID.stepNext}
          >
            {t('portal.report.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            size="large"
            disabled={!ready.every(Boolean)}
            loading={send.isPending || checking}
            onClick={() => void trySend()}
            data-testid={PTID.submit}
          >
            {t('portal.report.send')}
          </Button>
        )}
      </div>
    </div>
  );
}
