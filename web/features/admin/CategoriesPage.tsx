// Categories and the responsibility list (权责清单) for district administrators: per sub-class the time limit of each
// stage, the triage default, required fields and whether it is offered; per category and place the handling unit.
import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tabs,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { TRIAGES } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormSave } from '../../lib/useFormSave';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { OrganisationPicker, type OrganisationOption } from '../organisations/OrganisationPicker';
import {
  useAllCategories,
  usePatchCategory,
  useRemoveRule,
  useRules,
  useSetRule,
  type CategoryData,
  type RuleData,
} from './api';

const STAGES = ['register', 'dispatch', 'accept', 'handle', 'verify'] as const;
const UNITS = ['working_hours', 'working_days', 'hours'] as const;
type Stage = (typeof STAGES)[number];
type Limit = { amount: number; unit: (typeof UNITS)[number] };
type Values = {
  name: string;
  triageDefault?: CategoryData['triageDefault'];
  limits: Partial<Record<Stage, Limit>>;
  requiredFields: ('location' | 'photos')[];
  active: boolean;
};
type Row = CategoryData & { children?: Row[] };

function CategoryModal({ category, onClose }: { category: CategoryData | null; onClose: () => void }) {
  const t = useT();
  const patch = usePatchCategory();
  const [form] = Form.useForm<Values>();
  const sub = category?.parentCode != null;
  const saveForm = useFormSave(form);
  const submit = (v: Values) => {
    if (!category) return;
    // Every stage is sent: the server replaces the limits as a whole.
    return saveForm(
      () =>
        patch.mutateAsync({
          code: category.code,
          patch: {
            name: v.name,
            active: v.active,
            ...(v.triageDefault ? { triageDefault: v.triageDefault } : {}),
            ...(sub ? { limits: v.limits as Record<Stage, Limit>, requiredFields: v.requiredFields } : {}),
          },
        }),
      t('common.saved'),
      onClose,
    );
  };
  return (
    <Modal
      open={category != null}
      title={category ? `${category.code} ${category.name}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={patch.isPending}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'category-save' }}
    >
      {category && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={{
            name: category.name,
            triageDefault: category.triageDefault ?? undefined,
            limits: category.limits ?? {},
            requiredFields: category.requiredFields,
            active: category.active,
          }}
        >
          <Form.Item
            name="name"
            label={t('admin.categories.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="triageDefault" label={t('admin.categories.triage')}>
            <Select
              options={TRIAGES.map((x) => ({ value: x, label: t(`triage.${x}`) }))}
              data-testid="category-triage"
            />
          </Form.Item>
          {sub && (
            <>
              <Typography.Text strong>{t('admin.categories.limits')}</Typography.Text>
              {STAGES.map((stage) => (
                <Form.Item key={stage} label={t(`admin.stage.${stage}`)} style={{ marginBottom: 8 }} required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item
                      name={['limits', stage, 'amount']}
                      noStyle
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <InputNumber
                        min={0.5}
                        max={10000}
                        step={0.5}
                        style={{ width: '45%' }}
                        aria-label={`${t(`admin.stage.${stage}`)} ${t('admin.categories.amount')}`}
                        data-testid={`limit-${stage}-amount`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={['limits', stage, 'unit']}
                      noStyle
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Select
                        style={{ width: '55%' }}
                        options={UNITS.map((u) => ({ value: u, label: t(`admin.unit.${u}`) }))}
                        aria-label={`${t(`admin.stage.${stage}`)} ${t('admin.categories.unit')}`}
                      />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              ))}
              <Form.Item name="requiredFields" label={t('admin.categories.required')}>
                <Checkbox.Group
                  options={[
                    { value: 'location', label: t('admin.required.location') },
                    { value: 'photos', label: t('admin.required.photos') },
                  ]}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="active" label={t('admin.categories.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function limitText(t: ReturnType<typeof useT>, l: Limit | undefined) {
  return l ? `${l.amount} ${t(`admin.unit.${l.unit}`)}` : '—';
}

function CategoryTable() {
  const t = useT();
  const cats = useAllCategories();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<CategoryData | null>(null);
  // Classes start open (the limits live on the sub-classes); a class the administrator folds stays folded.
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const tree = useMemo(() => {
    const all = cats.data ?? [];
    const s = q.trim().toLowerCase();
    const hit = (c: CategoryData) =>
      !s || c.code.toLowerCase().includes(s) || c.name.includes(q.trim()) || (c.nameEn ?? '').toLowerCase().includes(s);
    return all
      .filter((c) => c.parentCode == null)
      .map((p): Row => ({ ...p, children: all.filter((c) => c.parentCode === p.code && (hit(p) || hit(c))) }))
      .filter((p) => hit(p) || (p.children?.length ?? 0) > 0);
  }, [cats.data, q]);

  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('admin.categories.search')}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 320, marginBottom: 12 }}
        data-testid="category-search"
      />
      <ErrorAlert error={cats.error} onRetry={() => void cats.refetch()} />
      <Table<Row>
        rowKey="code"
        size="small"
        loading={cats.isPending}
        dataSource={tree}
        expandable={{
          expandedRowKeys: tree.map((p) => p.code).filter((c) => !folded.has(c)),
          onExpand: (open, row) =>
            setFolded((f) => {
              const n = new Set(f);
              if (open) n.delete(row.code);
              else n.add(row.code);
              return n;
            }),
        }}
        pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        data-testid="categories-table"
        columns={[
          {
            title: t('admin.categories.code'),
            dataIndex: 'code',
            render: (c: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {c}
              </Typography.Text>
            ),
          },
          {
            title: t('admin.categories.name'),
            dataIndex: 'name',
            render: (n: string, c) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {n} {!c.active && <Tag>{t('common.retired')}</Tag>}
              </span>
            ),
          },
          {
            title: t('admin.categories.triage'),
            dataIndex: 'triageDefault',
            render: (x: CategoryData['triageDefault']) => (x ? t(`triage.${x}`) : '—'),
          },
          ...STAGES.map((stage) => ({
            title: t(`admin.stage.${stage}`),
            key: stage,
            render: (_: unknown, c: Row) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {c.parentCode ? limitText(t, c.limits?.[stage] as Limit | undefined) : ''}
              </span>
            ),
          })),
          {
            title: t('admin.categories.required'),
            dataIndex: 'requiredFields',
            render: (f: string[], c: Row) =>
              c.parentCode
                ? f.map((x) => <Tag key={x}>{t(`admin.required.${x as 'location' | 'photos'}`)}</Tag>)
                : null,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_: unknown, c: Row) => (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditing(c)}
                data-testid={`category-edit-${c.code}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <CategoryModal category={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function RuleTable() {
  const t = useT();
  const feedback = useFeedback();
  const rules = useRules();
  const cats = useAllCategories();
  const set = useSetRule();
  const remove = useRemoveRule();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ categoryCode: string; node: NodeOption; organisation: OrganisationOption }>();
  const catName = new Map((cats.data ?? []).map((c) => [c.code, c.name]));
  const saveForm = useFormSave(form, { nodeId: 'node', organisationId: 'organisation' });
  const submit = (v: { categoryCode: string; node: NodeOption; organisation: OrganisationOption }) =>
    saveForm(
      () =>
        set.mutateAsync({ categoryCode: v.categoryCode, nodeId: v.node.value, organisationId: v.organisation.value }),
      t('common.saved'),
      () => setAdding(false),
    );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="rule-add">
          {t('admin.rules.add')}
        </Button>
        <Typography.Text type="secondary">{t('admin.rules.hint')}</Typography.Text>
      </Space>
      <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      <Table<RuleData>
        rowKey="id"
        size="small"
        loading={rules.isPending}
        dataSource={rules.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        data-testid="rules-table"
        columns={[
          {
            title: t('admin.rules.category'),
            dataIndex: 'categoryCode',
            sorter: (a, b) => a.categoryCode.localeCompare(b.categoryCode),
            render: (c: string) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                <Typography.Text code>{c}</Typography.Text> {catName.get(c) ?? ''}
              </span>
            ),
          },
          { title: t('admin.rules.node'), dataIndex: 'nodeName' },
          {
            title: t('admin.rules.organisation'),
            dataIndex: 'organisationName',
            sorter: (a, b) => a.organisationName.localeCompare(b.organisationName, 'zh-CN'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: RuleData) => (
              <Popconfirm
                title={t('admin.rules.removeConfirm')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(r.id).then(() => feedback.ok(t('common.deleted')), feedback.fail)}
              >
                <Button size="small" type="link" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('admin.rules.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={set.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="categoryCode"
            label={t('admin.rules.category')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={(cats.data ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
            />
          </Form.Item>
          <Form.Item
            name="node"
            label={t('admin.rules.node')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <NodePicker kinds={['district', 'street', 'community', 'grid']} />
          </Form.Item>
          <Form.Item
            name="organisation"
            label={t('admin.rules.organisation')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <OrganisationPicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function CategoriesPage() {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <>
      <PageHeader title={t('admin.categories.title')} subtitle={t('admin.categories.subtitle')} />
      <Card size="small">
        <Tabs
          size={isMobile ? 'small' : 'middle'}
          items={[
            { key: 'categories', label: t('admin.categories.tab'), children: <CategoryTable /> },
            {
              key: 'rules',
              label: <span data-testid="rules-tab">{t('admin.rules.tab')}</span>,
              children: <RuleTable />,
            },
          ]}
        />
      </Card>
    </>
  );
}
