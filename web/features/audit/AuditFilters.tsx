// The audit log filter form: actor id, node (search), entity kind, action, date range.
import { AutoComplete, Button, DatePicker, Form, Input, InputNumber } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import type { Query } from '../../lib/api';
import { NodePicker, type NodeOption } from '../territory/NodePicker';

/** The entity kinds the server writes today; the field still takes any text. */
const ENTITY_KINDS = ['territory_node', 'party_org', 'organisation', 'user'] as const;

type Values = {
  actorId?: number | null;
  node?: NodeOption | null;
  entityKind?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

/** Turns the form into the GET /api/audit query (dates as ISO instants, the end date inclusive). */
function toQuery(v: Values): Query {
  const [from, to] = v.range ?? [null, null];
  return {
    actorId: v.actorId ?? undefined,
    nodeId: v.node?.value,
    entityKind: v.entityKind?.trim(),
    action: v.action?.trim(),
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
      <Form.Item name="actorId" label={t('audit.actorId')}>
        <InputNumber min={1} precision={0} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="node" label={t('audit.node')}>
        <NodePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="entityKind" label={t('audit.entityKind')}>
        <AutoComplete
          style={{ width: 160 }}
          allowClear
          options={ENTITY_KINDS.map((kind) => ({ value: kind, label: `${t(`audit.kind.${kind}`)} (${kind})` }))}
        />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input style={{ width: 160 }} maxLength={60} />
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
