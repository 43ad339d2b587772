// A new shop item (兑换物品): the community whose shop offers it, the partner merchant giving it, its name, the points
// it costs and the stock on hand.
import { useEffect } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select } from 'antd';
import { useT } from '../../app/i18n';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { useCreateItem, useMerchants, useRules } from './api';

type Values = {
  communityId?: number;
  organisationId?: number;
  name: string;
  description?: string;
  price?: number;
  stock?: number;
};

export function ItemDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer open={open} onClose={onClose} width={isMobile ? '100%' : 480} destroyOnHidden title={t('points.item.new')}>
      {open && <ItemForm onDone={onClose} />}
    </Drawer>
  );
}

function ItemForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form);
  const create = useCreateItem();
  const rules = useRules();
  const merchants = useMerchants();
  const communities = rules.data?.items ?? [];
  const required = { required: true, message: t('common.required') };
  // The only community in reach is chosen for the worker, once the list has come.
  useEffect(() => {
    if (communities.length === 1 && form.getFieldValue('communityId') == null)
      form.setFieldValue('communityId', communities[0]!.communityId);
  }, [communities, form]);
  const submit = (v: Values) =>
    void save(
      () =>
        create.mutateAsync({
          communityId: v.communityId!,
          organisationId: v.organisationId!,
          name: v.name.trim(),
          description: v.description?.trim() || undefined,
          price: v.price!,
          stock: v.stock ?? 0,
        }),
      t('points.item.created'),
      onDone,
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ communityId: communities.length === 1 ? communities[0]!.communityId : undefined, stock: 10 }}
      data-testid="points-item-form"
    >
      <Form.Item name="communityId" label={t('points.item.community')} rules={[required]}>
        <Select
          data-testid="points-item-community"
          loading={rules.isLoading}
          options={communities.map((c) => ({ value: c.communityId, label: c.communityName }))}
        />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label={t('points.item.merchant')}
        rules={[required]}
        extra={t('points.item.merchantHint')}
      >
        <Select
          data-testid="points-item-merchant"
          showSearch
          optionFilterProp="label"
          loading={merchants.isLoading}
          notFoundContent={t('points.item.noMerchant')}
          options={(merchants.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('points.item.name')} rules={[{ ...required, whitespace: true }, { max: 60 }]}>
        <Input maxLength={60} data-testid="points-item-name" />
      </Form.Item>
      <Form.Item name="description" label={t('points.item.description')} rules={[{ max: 300 }]}>
        <Input.TextArea maxLength={300} rows={2} />
      </Form.Item>
      <Form.Item name="price" label={t('points.item.price')} rules={[required]}>
        <InputNumber
          min={1}
          max={1_000_000}
          precision={0}
          addonAfter={t('points.unit')}
          data-testid="points-item-price"
        />
      </Form.Item>
      <Form.Item name="stock" label={t('points.item.stock')} rules={[required]}>
        <InputNumber min={0} max={100_000} precision={0} data-testid="points-item-stock" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="points-item-save">
        {t('points.item.create')}
      </Button>
    </Form>
  );
}
