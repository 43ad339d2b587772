// The fields of each case action's form (exactly those of its ActionBody), and the request body built from them.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OPEN_STATUSES, RATINGS, type CaseAction, type Rating } from '../../../../contracts/cases';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { api } from '../../../lib/api';
import { useDebounced } from '../../../lib/useDebounced';
import type { ActionBody, CaseDetail, CaseSummary, Organisation, Page } from '../../../lib/types';
import { ORGANISATIONS_KEY, ORGANISATIONS_PATH } from '../../organisations/api';
import { CASES_KEY, CASES_PATH } from '../api';
import { HandlerFields, handlerTarget, type HandlerValues } from '../HandlerFields';
import { PhotoUploader, type DraftPhoto } from '../PhotoUploader';

export type FormAction = CaseAction | 'merge';

export type ActionValues = Partial<HandlerValues> & {
  note?: string;
  reason?: string;
  result?: string;
  comment?: string;
  workingDays?: number;
  approve?: boolean;
  pass?: boolean;
  rating?: Rating;
  reviewOn?: Dayjs;
  photos?: DraftPhoto[];
  organisationIds?: number[];
  reportInHours?: number;
  intoId?: number;
};

const REASON: FormAction[] = ['void', 'return', 'reopen', 'shelve', 'request_extension'];
const NOTE_REQUIRED: FormAction[] = ['urge', 'report_in', 'comment', 'whistle'];
const NOTE_OPTIONAL: FormAction[] = ['register', 'dispatch', 'decide_extension', 'verify', 'unshelve'];

/** The ActionBody for an action from the form values (merge has its own request). */
export function toBody(action: CaseAction, v: ActionValues, version: number): ActionBody {
  const note = v.note?.trim() || undefined;
  const reason = v.reason?.trim() ?? '';
  const photos = (v.photos ?? []).map((p) => p.id);
  switch (action) {
    case 'register':
    case 'unshelve':
      return { action, version, note };
    case 'void':
    case 'return':
    case 'reopen':
      return { action, version, reason };
    case 'dispatch':
      return { action, version, ...handlerTarget(v as HandlerValues), note };
    case 'accept':
      return { action, version };
    case 'request_extension':
      return { action, version, workingDays: v.workingDays ?? 1, reason };
    case 'decide_extension':
      return { action, version, approve: v.approve ?? false, note };
    case 'reply':
      return { action, version, result: v.result?.trim() ?? '', photos };
    case 'verify':
      return { action, version, pass: v.pass ?? false, note, photos };
    case 'shelve':
      return { action, version, reason, reviewOn: v.reviewOn?.format('YYYY-MM-DD') ?? '' };
    case 'rate':
      return { action, version, rating: v.rating ?? 'satisfied', comment: v.comment?.trim() || undefined };
    case 'whistle':
      return {
        action,
        version,
        organisationIds: v.organisationIds ?? [],
        note: note ?? '',
        reportInHours: v.reportInHours ?? 2,
      };
    case 'urge':
    case 'report_in':
    case 'comment':
      return { action, version, note: note ?? '' };
  }
}

/** Starting values: nothing chosen, except sensible defaults (triage from the case, suggested handler). */
export function initialValues(
  action: FormAction,
  detail: CaseDetail,
  suggested?: { id: number; name: string } | null,
): ActionValues {
  const base: ActionValues = { note: '', reason: '', result: '', comment: '', photos: [], overrideReason: '' };
  if (action === 'dispatch') {
    return {
      ...base,
      triage: detail.triage ?? 'major',
      handlerKind: detail.triage === 'private' ? 'mediator' : 'organisation',
      organisation: suggested ? { value: suggested.id, label: suggested.name } : null,
      node: null,
      mediatorId: null,
    };
  }
  if (action === 'request_extension') return { ...base, workingDays: 3 };
  if (action === 'decide_extension') return { ...base, approve: true };
  if (action === 'verify') return { ...base, pass: true };
  if (action === 'whistle') return { ...base, organisationIds: [], reportInHours: 2 };
  return base;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** Who a whistle may summon: the district's departments and the partner units in the community (驻区单位). */
function SummonsSelect(props: { value?: number[]; onChange?: (v: number[]) => void }) {
  const t = useT();
  const departments = useQuery({
    queryKey: [...ORGANISATIONS_KEY, 'departments'],
    queryFn: () => api.get<Page<Organisation>>(ORGANISATIONS_PATH, { kind: 'department', limit: 200 }),
  });
  const partners = useQuery({
    queryKey: [...ORGANISATIONS_KEY, 'partner_units'],
    queryFn: () => api.get<Page<Organisation>>(ORGANISATIONS_PATH, { kind: 'partner_unit', limit: 200 }),
  });
  const group = (label: string, items: Organisation[] | undefined) => ({
    label,
    options: (items ?? []).map((o) => ({ value: o.id, label: o.name })),
  });
  return (
    <Select
      mode="multiple"
      {...props}
      loading={departments.isPending || partners.isPending}
      options={[
        group(t('form.summonDepartments'), departments.data?.items),
        group(t('form.summonPartners'), partners.data?.items),
      ]}
      optionFilterProp="label"
      maxCount={10}
      data-testid={TID.whistleOrgs}
    />
  );
}

function CaseSelect({ detail, ...props }: { detail: CaseDetail; value?: number; onChange?: (v: number) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const results = useQuery({
    queryKey: [...CASES_KEY, 'list', 'merge', detail.categoryCode, q],
    queryFn: () =>
      api.get<Page<CaseSummary>>(CASES_PATH, { box: 'all', categoryCode: detail.categoryCode, q, limit: 30 }),
  });
  const options = (results.data?.items ?? [])
    .filter((c) => c.id !== detail.id && OPEN_STATUSES.includes(c.status))
    .map((c) => ({ value: c.id, label: `${c.number} · ${c.description.slice(0, 30)}` }));
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setText}
      {...props}
      options={options}
      loading={results.isFetching}
      placeholder={t('form.intoCaseHint')}
    />
  );
}

type Props = { action: FormAction; detail: CaseDetail; suggested?: { id: number; name: string } | null };

export function ActionFields({ action, detail, suggested }: Props) {
  const t = useT();
  const req = t('common.required');
  return (
    <>
      {action === 'dispatch' && <HandlerFields suggested={suggested} caseId={detail.id} />}
      {action === 'merge' && (
        <Form.Item name="intoId" label={t('form.intoCase')} rules={[{ required: true, message: req }]}>
          <CaseSelect detail={detail} />
        </Form.Item>
      )}
      {action === 'request_extension' && (
        <Form.Item name="workingDays" label={t('form.workingDays')} rules={[{ required: true, message: req }]}>
          <InputNumber min={1} max={60} precision={0} style={{ width: 120 }} />
        </Form.Item>
      )}
      {action === 'decide_extension' && (
        <Form.Item name="approve" label={t('form.approve')}>
          <Radio.Group
            options={[
              { value: true, label: t('form.approveYes') },
              { value: false, label: t('form.approveNo') },
            ]}
          />
        </Form.Item>
      )}
      {action === 'verify' && (
        <Form.Item name="pass" label={t('form.pass')}>
          <Radio.Group
            data-testid={TID.verifyPass}
            options={[
              { value: true, label: t('form.passYes') },
              { value: false, label: t('form.passNo') },
            ]}
          />
        </Form.Item>
      )}
      {action === 'rate' && (
        <Form.Item name="rating" label={t('form.rating')} rules={[{ required: true, message: req }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid={TID.rateRating}
            options={RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
          />
        </Form.Item>
      )}
      {action === 'whistle' && (
        <Form.Item
          name="organisationIds"
          label={t('form.departments')}
          rules={[{ required: true, type: 'array', min: 1, message: req }]}
        >
          <SummonsSelect />
        </Form.Item>
      )}
      {action === 'whistle' && (
        <Form.Item name="reportInHours" label={t('form.reportInHours')} rules={[{ required: true, message: req }]}>
          <InputNumber min={1} max={72} precision={0} style={{ width: 120 }} />
        </Form.Item>
      )}
      {REASON.includes(action) && (
        <Form.Item name="reason" label={t('form.reason')} rules={required(req)}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid={TID.actionReason} />
        </Form.Item>
      )}
      {action === 'shelve' && (
        <Form.Item name="reviewOn" label={t('form.reviewOn')} rules={[{ required: true, message: req }]}>
          <DatePicker disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      )}
      {action === 'reply' && (
        <Form.Item name="result" label={t('form.result')} rules={required(req)}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid={TID.actionNote} />
        </Form.Item>
      )}
      {action === 'rate' && (
        <Form.Item name="comment" label={t('form.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid={TID.actionNote} />
        </Form.Item>
      )}
      {(NOTE_REQUIRED.includes(action) || NOTE_OPTIONAL.includes(action)) && (
        <Form.Item name="note" label={t('form.note')} rules={NOTE_REQUIRED.includes(action) ? required(req) : []}>
          <Input.TextArea
            rows={3}
            maxLength={action === 'comment' ? 1000 : 500}
            showCount
            data-testid={TID.actionNote}
          />
        </Form.Item>
      )}
      {(action === 'reply' || action === 'verify') && (
        <Form.Item name="photos" label={t('form.photos')}>
          <PhotoUploader />
        </Form.Item>
      )}
      {action === 'accept' && <Typography.Paragraph>{t('case.title', { number: detail.number })}</Typography.Paragraph>}
    </>
  );
}
