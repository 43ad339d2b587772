// Registering a partner unit (驻区单位登记): an agency, enterprise or social organisation in the community, with a
// contact; it is kept by the organisations module and can then sign a 共驻共建 agreement.
import { useEffect } from 'react';
import { Button, Drawer, Form, Input, Select } from 'antd';
import { useT } from '../../app/i18n';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { useCommunities, useRegisterUnit } from './api';

type Values = {
  kind: 'partner_unit' | 'social_organisation';
  name: string;
  nodeId?: number;
  contactName?: string;
  contactPhone?: string;
};

export function RegisterUnitDrawer({ open, onClose }: { open: boolean; onClose: (id?: number) => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      onClose={() => onClose()}
      width={isMobile ? '100%' : 480}
      destroyOnHidden
      title={t('cob.unit.register')}
    >
      {open && <RegisterUnitForm onDone={onClose} />}
    </Drawer>
  );
}

function RegisterUnitForm({ onDone }: { onDone: (id?: number) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form);
  const register = useRegisterUnit();
  const communities = useCommunities();
  const list = communities.data ?? [];
  const required = { required: true, message: t('common.required') };
  // The only community in reach is chosen for the worker, once the list has come.
  useEffect(() => {
    if (list.length === 1 && form.getFieldValue('nodeId') == null) form.setFieldValue('nodeId', list[0]!.id);
  }, [list, form]);
  const submit = (v: Values) => {
    let created: number | undefined;
    void save(
      async () => {
        created = (
          await register.mutateAsync({
            kind: v.kind,
            name: v.name.trim(),
            nodeId: v.nodeId!,
            contactName: v.contactName?.trim() || undefined,
            contactPhone: v.contactPhone?.trim() || undefined,
          })
        ).id;
      },
      t('cob.unit.registered'),
      () => onDone(created),
    );
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'partner_unit', nodeId: list.length === 1 ? list[0]!.id : undefined }}
      data-testid="cob-unit-form"
    >
      <Form.Item name="name" label={t('cob.unit.name')} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
        <Input maxLength={100} data-testid="cob-unit-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('cob.unit.kind')} rules={[required]}>
        <Select
          options={(['partner_unit', 'social_organisation'] as const).map((k) => ({
            value: k,
            label: t(`orgKind.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="nodeId" label={t('cob.community')} rules={[required]}>
        <Select
          data-testid="cob-unit-community"
          loading={communities.isLoading}
          showSearch
          optionFilterProp="label"
          options={list.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="contactName" label={t('cob.unit.contact')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('cob.unit.phone')}
        rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: t('cob.unit.phoneBad') }]}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="cob-unit-save">
        {t('cob.unit.registerSubmit')}
      </Button>
    </Form>
  );
}
