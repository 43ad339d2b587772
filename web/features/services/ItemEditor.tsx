// The catalogue keeper's form for one service item (district administrators): class, name, materials with examples,
// who may apply (age, tags, residence type), the time limit (working days, or minutes for 即时办), the handling
// organisation, channels and fees. The server checks the rules; its 400 names the field, shown on that field.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SERVICE_CHANNELS, type EligibilityCondition, type ServiceItem } from '../../../contracts/services';
import { RESIDENCE_TYPES } from '../../../contracts/people';
import { useT } from '../../app/i18n';
import { ApiError, api } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { useDepartments, useSaveItem, useServiceClasses } from './api';
import { TerritoryField } from './TerritoryField';

type Values = {
  code: string;
  classCode: string;
  name: string;
  description?: string;
  materials: { code: string; name: string; example?: string; required: boolean }[];
  ageMin?: number | null;
  ageMax?: number | null;
  tags?: string[];
  residence?: string[];
  territory?: number[];
  limitKind: 'days' | 'minutes';
  limitDays?: number | null;
  responseMinutes?: number | null;
  organisationId?: number | null;
  channels: string[];
  fee?: string;
};

function toValues(i: ServiceItem | null): Values {
  const age = i?.eligibility.find((c) => c.fact === 'age');
  const tag = i?.eligibility.find((c) => c.fact === 'tag');
  const res = i?.eligibility.find((c) => c.fact === 'residence');
  const area = i?.eligibility.find((c) => c.fact === 'territory');
  return {
    code: i?.code ?? '',
    classCode: i?.classCode ?? '',
    name: i?.name ?? '',
    description: i?.description ?? '',
    materials: (i?.materials ?? []).map((m) => ({ ...m, example: m.example ?? '' })),
    ageMin: age?.fact === 'age' ? (age.min ?? null) : null,
    ageMax: age?.fact === 'age' ? (age.max ?? null) : null,
    tags: tag?.fact === 'tag' ? tag.anyOf : [],
    residence: res?.fact === 'residence' ? res.anyOf : [],
    territory: area?.fact === 'territory' ? area.nodeIds : [],
    limitKind: i?.responseMinutes ? 'minutes' : 'days',
    limitDays: i?.limitDays ?? 5,
    responseMinutes: i?.responseMinutes ?? 15,
    organisationId: i?.organisationId ?? null,
    channels: i?.channels ?? ['hall', 'online'],
    fee: i?.fee ?? '',
  };
}

/** The body the server expects. */
function toBody(v: Values) {
  const eligibility: EligibilityCondition[] = [];
  if (v.ageMin != null || v.ageMax != null)
    eligibility.push({
      fact: 'age',
      ...(v.ageMin != null ? { min: v.ageMin } : {}),
      ...(v.ageMax != null ? { max: v.ageMax } : {}),
    });
  if (v.tags?.length) eligibility.push({ fact: 'tag', anyOf: v.tags });
  if (v.residence?.length) eligibility.push({ fact: 'residence', anyOf: v.residence });
  if (v.territory?.length) eligibility.push({ fact: 'territory', nodeIds: v.territory });
  return {
    classCode: v.classCode,
    name: v.name,
    description: v.description?.trim() || null,
    materials: (v.materials ?? []).map((m) => ({
      code: m.code,
      name: m.name,
      example: m.example?.trim() || null,
      required: m.required ?? true,
    })),
    eligibility,
    limitDays: v.limitKind === 'days' ? (v.limitDays ?? null) : null,
    responseMinutes: v.limitKind === 'minutes' ? (v.responseMinutes ?? null) : null,
    organisationId: v.organisationId ?? null,
    channels: v.channels as ServiceItem['channels'],
    fee: v.fee?.trim() || null,
  };
}

/** Maps the server's field paths (materials.1.code, eligibility.0.max …) onto the form's fields. */
function formField(path: string, v: Values): (string | number)[] {
  const parts = path.split('.');
  if (parts[0] === 'materials' && parts.length >= 3) return ['materials', Number(parts[1]), parts[2]!];
  if (parts[0] === 'eligibility') {
    const kinds = [
      v.ageMin != null || v.ageMax != null ? 'age' : null,
      v.tags?.length ? 'tag' : null,
      v.residence?.length ? 'residence' : null,
      v.territory?.length ? 'territory' : null,
    ].filter(Boolean);
    const kind = kinds[Number(parts[1])];
    if (kind === 'age') return [parts[2] === 'max' ? 'ageMax' : 'ageMin'];
    return [kind === 'tag' ? 'tags' : kind === 'territory' ? 'territory' : 'residence'];
  }
  return [parts[0]!];
}

export function ItemEditor({ item, open, onClose }: { item: ServiceItem | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const classes = useServiceClasses();
  const depts = useDepartments();
  const tags = useQuery({
    queryKey: ['services', 'person-tags'],
    queryFn: () => api.get<{ code: string; name: string; retired: boolean }[]>('/api/people/tags'),
    staleTime: 30 * 60_000,
  });
  const save = useSaveItem();
  const [kind, setKind] = useState<'days' | 'minutes'>('days');
  useEffect(() => {
    if (open) {
      const v = toValues(item);
      form.setFieldsValue(v);
      setKind(v.limitKind);
    }
  }, [open, item, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = toBody(v);
    save.mutate(
      { code: item?.code ?? null, body: item ? body : { code: v.code, ...body } },
      {
        onSuccess: () => {
          feedback.ok(t('svc.saved'));
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.details.length)
            form.setFields(e.details.map((d) => ({ name: formField(d.path, v) as never, errors: [d.message] })));
          feedback.fail(e);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      width={760}
      title={item ? t('svc.editItem', { name: item.name }) : t('svc.newItem')}
      okText={t('svc.save')}
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'svc-item-save' } as Record<string, string>) }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" size="small" data-testid="svc-item-form">
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item
            name="code"
            label={t('svc.f.code')}
            rules={[{ required: !item, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('svc.f.codeRule') }]}
          >
            <Input disabled={!!item} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="classCode"
            label={t('svc.col.class')}
            rules={[{ required: true, message: t('svc.f.required') }]}
          >
            <Select
              style={{ width: 180 }}
              options={(classes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('svc.col.item')}
            rules={[{ required: true, whitespace: true, message: t('svc.f.required') }]}
          >
            <Input style={{ width: 300 }} data-testid="svc-item-name" />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('svc.f.description')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label={t('svc.materials')}>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: t('svc.f.required') }]}>
                      <Input
                        placeholder={t('svc.f.materialCode')}
                        aria-label={t('svc.f.materialCode')}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('svc.f.required') }]}>
                      <Input
                        placeholder={t('svc.f.materialName')}
                        aria-label={t('svc.f.materialName')}
                        style={{ width: 170 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'example']}>
                      <Input placeholder={t('svc.f.example')} aria-label={t('svc.f.example')} style={{ width: 230 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" initialValue={true}>
                      <Switch
                        checkedChildren={t('svc.f.mandatory')}
                        unCheckedChildren={t('svc.f.optional')}
                        aria-label={t('svc.f.mandatory')}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('svc.f.removeMaterial')}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ code: '', name: '', example: '', required: true })}
                >
                  {t('svc.f.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('svc.f.eligibility')} style={{ marginBottom: 0 }}>
          <Space wrap align="start">
            <Form.Item name="ageMin" label={t('svc.f.ageMin')}>
              <InputNumber min={0} max={150} />
            </Form.Item>
            <Form.Item name="ageMax" label={t('svc.f.ageMax')}>
              <InputNumber min={0} max={150} />
            </Form.Item>
            <Form.Item name="tags" label={t('svc.f.tags')}>
              <Select
                mode="multiple"
                style={{ minWidth: 200 }}
                options={(tags.data ?? []).filter((x) => !x.retired).map((x) => ({ value: x.code, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="residence" label={t('svc.f.residence')}>
              <Select
                mode="multiple"
                style={{ minWidth: 160 }}
                options={RESIDENCE_TYPES.map((r) => ({ value: r, label: t(`people.residence.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="territory" label={t('svc.f.territory')}>
              <TerritoryField />
            </Form.Item>
          </Space>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="limitKind" label={t('svc.col.limit')}>
            <Radio.Group
              onChange={(e) => setKind(e.target.value as 'days')}
              optionType="button"
              options={[
                { value: 'days', label: t('svc.f.days') },
                { value: 'minutes', label: t('svc.f.instant') },
              ]}
            />
          </Form.Item>
          {kind === 'days' ? (
            <Form.Item
              name="limitDays"
              label={t('svc.f.limitDays')}
              rules={[{ required: true, message: t('svc.f.required') }]}
            >
              <InputNumber min={1} max={365} />
            </Form.Item>
          ) : (
            <Form.Item
              name="responseMinutes"
              label={t('svc.f.responseMinutes')}
              rules={[{ required: true, message: t('svc.f.required') }]}
            >
              <InputNumber min={1} max={1440} />
            </Form.Item>
          )}
          <Form.Item name="organisationId" label={t('svc.f.organisation')}>
            <Select
              style={{ width: 220 }}
              options={[
                { value: null as unknown as number, label: t('svc.byCommunity') },
                ...(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="channels"
          label={t('svc.how')}
          rules={[{ required: true, type: 'array', min: 1, message: t('svc.f.required') }]}
        >
          <Checkbox.Group options={SERVICE_CHANNELS.map((c) => ({ value: c, label: t(`svc.channelShort.${c}`) }))} />
        </Form.Item>
        <Form.Item name="fee" label={t('svc.f.fee')}>
          <Input placeholder={t('svc.free')} maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
