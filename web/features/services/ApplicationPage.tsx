// One application for staff: pre-review each material (accept, or ask for more with a reason the resident sees),
// accept, forward to the deciding department, record the outcome, and log custody steps of a proxy errand.
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Select, Space, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../lib/api';
import { useAct, useApplication, useDepartments } from './api';
import { Materials, StatusTag, Steps } from './parts';
import { AppointmentCard } from './AppointmentCard';

export function ApplicationPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useApplication(id);
  const act = useAct(id);
  const depts = useDepartments();
  const [reason, setReason] = useState<Record<string, string>>({});
  const [org, setOrg] = useState<number | undefined>();
  const [outcome, setOutcome] = useState<'approved' | 'refused' | 'issued'>('approved');
  const [note, setNote] = useState('');
  const [step, setStep] = useState<'received' | 'handed_over' | 'returned'>('received');
  const [party, setParty] = useState('');
  if (q.isLoading) return <Spin />;
  if (!q.data) return <ErrorAlert error={q.error} onRetry={q.refetch} />;
  const a = q.data;
  const can = (x: string) => a.allowedActions.includes(x as 'accept');
  const v = a.version;
  return (
    <>
      <PageHeader title={`${a.itemName} ${a.number}`} />
      {act.isError && <Alert type="error" showIcon message={errorMessage(act.error)} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('svc.col.status')}>
                <StatusTag status={a.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('svc.col.applicant')}>{a.applicantName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.col.channel')}>
                {t(`svc.channel.${a.channel}`)}
                {a.onBehalf ? ` · ${t('svc.onBehalf', { name: a.submittedByName ?? '' })}` : ''}
              </Descriptions.Item>
              {a.organisationName && (
                <Descriptions.Item label={t('svc.col.organisation')}>{a.organisationName}</Descriptions.Item>
              )}
              {a.note && <Descriptions.Item label={t('svc.note')}>{a.note}</Descriptions.Item>}
            </Descriptions>
            <AppointmentCard a={a} />
          </Card>
          <Card size="small" title={t('svc.materials')} style={{ marginTop: 12 }}>
            <Materials
              a={a}
              extra={(m) =>
                can('review_material') && m.status !== 'accepted' ? (
                  <Space wrap>
                    <Button
                      size="small"
                      data-testid={`svc-accept-${m.code}`}
                      onClick={() =>
                        act.mutate({ action: 'review_material', version: v, code: m.code, verdict: 'accepted' })
                      }
                    >
                      {t('svc.accept')}
                    </Button>
                    <Input
                      size="small"
                      style={{ width: 220 }}
                      placeholder={t('svc.reasonPlaceholder')}
                      value={reason[m.code] ?? ''}
                      onChange={(e) => setReason((x) => ({ ...x, [m.code]: e.target.value }))}
                      data-testid={`svc-reason-input-${m.code}`}
                    />
                    <Button
                      size="small"
                      danger
                      data-testid={`svc-more-${m.code}`}
                      onClick={() =>
                        act.mutate({
                          action: 'review_material',
                          version: v,
                          code: m.code,
                          verdict: 'more_needed',
                          reason: reason[m.code]?.trim() || undefined,
                        })
                      }
                    >
                      {t('svc.askMore')}
                    </Button>
                  </Space>
                ) : null
              }
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('svc.actions')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {can('accept') && (
                <Button onClick={() => act.mutate({ action: 'accept', version: v })} data-testid="svc-act-accept">
                  {t('svc.startHandling')}
                </Button>
              )}
              {can('forward') && (
                <Space.Compact style={{ width: '100%' }}>
                  <Select
                    style={{ width: '100%' }}
                    placeholder={t('svc.chooseDept')}
                    value={org}
                    onChange={setOrg}
                    options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                    data-testid="svc-forward-org"
                    aria-label={t('svc.chooseDept')}
                  />
                  <Button
                    disabled={!org}
                    onClick={() => org && act.mutate({ action: 'forward', version: v, organisationId: org })}
                    data-testid="svc-act-forward"
                  >
                    {t('svc.forward')}
                  </Button>
                </Space.Compact>
              )}
              {can('decide') && (
                <>
                  <Select
                    value={outcome}
                    onChange={setOutcome}
                    options={(['approved', 'refused', 'issued'] as const).map((o) => ({
                      value: o,
                      label: t(`svc.status.${o}`),
                    }))}
                    data-testid="svc-outcome-select"
                    aria-label={t('svc.outcomeLabel')}
                  />
                  <Input.TextArea
                    rows={2}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t('svc.outcomeNote')}
                  />
                  <Button
                    type="primary"
                    onClick={() =>
                      act.mutate({ action: 'decide', version: v, outcome, note: note.trim() || undefined })
                    }
                    data-testid="svc-act-decide"
                  >
                    {t('svc.decide')}
                  </Button>
                </>
              )}
              {can('custody') && (
                <Space wrap>
                  <Select
                    value={step}
                    onChange={setStep}
                    aria-label={t('svc.custodyStepLabel')}
                    style={{ width: 120 }}
                    options={(['received', 'handed_over', 'returned'] as const).map((s) => ({
                      value: s,
                      label: t(`svc.custody.${s}`),
                    }))}
                  />
                  <Input
                    value={party}
                    onChange={(e) => setParty(e.target.value)}
                    placeholder={t('svc.party')}
                    style={{ width: 160 }}
                  />
                  <Button
                    disabled={!party.trim()}
                    onClick={() =>
                      act.mutate(
                        { action: 'custody', version: v, step, party: party.trim() },
                        { onSuccess: () => setParty('') },
                      )
                    }
                  >
                    {t('svc.logCustody')}
                  </Button>
                </Space>
              )}
            </Space>
          </Card>
          <Card size="small" title={t('svc.timeline')} style={{ marginTop: 12 }}>
            <Steps a={a} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
