// The audit log filter form: who (a user search), node (search), record kind and action (from the lists), date range.
import { Button, DatePicker, Form, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import type { Query } from '../../lib/api';
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS } from '../../../contracts/audit';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { actionLabel, kindLabel } from './labels';
import { UserPicker, type UserOption } from './UserPicker';

type Values = {
  actor?: UserOption | null;
  node?: NodeOption | null;
  entityKind?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

/** Turns the form into the GET /api/audit query (dates as ISO instants, the end date inclusive). */
function toQuery(v: Values): Query {
  const [from, to] = v.range ?? [null, null];
  return {
    actorId: v.actor?.value,
    nodeId: v.node?.value,
    entityKind: v.entityKind,
    action: v.action,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

export function AuditFilters({ onChange }: { onChange: (query: Query) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={(v) => onChange(toQuery(v))}
      onReset={() => onChange({})}
      style={{ rowGap: 8, marginBottom: 12 }}
    >
      <Form.Item name="actor" label={t('audit.actor')}>
        <UserPicker style={{ width: 200 }} testId="audit-actor" />
      </Form.Item>
      <Form.Item name="node" label={t('audit.node')}>
        <NodePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="entityKind" label={t('audit.entityKind')}>
        <Select
          style={{ width: 170 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.kindPick')}
          options={AUDIT_ENTITY_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
          data-testid="audit-kind"
        />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          style={{ width: 200 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.actionPick')}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) }))}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.dateRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={TID.auditFilterSubmit}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button htmlType="reset">{t('common.reset')}</Button>
      </Form.Item>
    </Form>
  );
}
