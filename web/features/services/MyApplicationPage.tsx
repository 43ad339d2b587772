// One of my applications: status, the hall appointment (move or cancel it), materials (adding one the community asked
// for), the steps, and the rating once done.
import { useState } from 'react';
import { Alert, Button, Input, Rate, Space, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import { useAct, useApplication } from './api';
import { AppointmentCard } from './AppointmentCard';
import { MaterialPicker, type PickedFile } from './MaterialPicker';
import { Materials, StatusTag, Steps } from './parts';

export function MyApplicationPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useApplication(id);
  const act = useAct(id);
  const [adding, setAdding] = useState<Record<string, PickedFile[]>>({});
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  if (q.isLoading) return <Spin />;
  if (!q.data) return <ErrorAlert error={q.error} onRetry={q.refetch} />;
  const a = q.data;
  const can = (x: string) => a.allowedActions.includes(x as 'rate');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {a.itemName}
        </Typography.Title>
        <Space wrap>
          <StatusTag status={a.status} />
          <Typography.Text type="secondary">{a.number}</Typography.Text>
        </Space>
        {a.onBehalf && <div data-testid="svc-on-behalf">{t('svc.onBehalf', { name: a.submittedByName ?? '' })}</div>}
        {a.organisationName && <div>{t('svc.forwardedTo', { name: a.organisationName })}</div>}
        {a.outcomeNote && <div data-testid="svc-outcome">{a.outcomeNote}</div>}
      </div>
      <AppointmentCard a={a} />
      {act.isError && <Alert type="error" showIcon message={errorMessage(act.error)} />}
      <div className="jy-portal-card">
        <Typography.Text strong>{t('svc.materials')}</Typography.Text>
        <Materials
          a={a}
          extra={(m) =>
            can('add_material') && m.status === 'more_needed' ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <MaterialPicker
                  testId={`svc-add-file-${m.code}`}
                  value={adding[m.code] ?? []}
                  onChange={(f) => setAdding((x) => ({ ...x, [m.code]: f }))}
                />
                <Button
                  type="primary"
                  disabled={!adding[m.code]?.length}
                  loading={act.isPending}
                  data-testid={`svc-add-send-${m.code}`}
                  onClick={() =>
                    act.mutate(
                      {
                        action: 'add_material',
                        version: a.version,
                        material: { code: m.code, fileIds: adding[m.code]!.map((f) => f.id) },
                      },
                      { onSuccess: () => setAdding((x) => ({ ...x, [m.code]: [] })) },
                    )
                  }
                >
                  {t('svc.sendMaterial')}
                </Button>
              </Space>
            ) : null
          }
        />
      </div>
      {can('rate') && (
        <div className="jy-portal-card">
          <Typography.Text strong>{t('svc.rateTitle')}</Typography.Text>
          <div>
            <Rate value={stars} onChange={setStars} data-testid="svc-rate-stars" />
          </div>
          <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button
            type="primary"
            block
            style={{ marginTop: 8 }}
            disabled={!stars}
            loading={act.isPending}
            data-testid="svc-rate-submit"
            onClick={() =>
              act.mutate({ action: 'rate', version: a.version, rating: stars, comment: comment.trim() || undefined })
            }
          >
            {t('svc.rateSubmit')}
          </Button>
        </div>
      )}
      {a.rating != null && <Typography.Text data-testid="svc-rated">{t('svc.rated', { n: a.rating })}</Typography.Text>}
      <div className="jy-portal-card">
        <Steps a={a} />
      </div>
    </Space>
  );
}
