// Registers one resident in a household (picked by name or code among the households in scope), with or without a citizen ID.
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { api } from '../../lib/api';
import { applyServerErrors } from '../../lib/formErrors';
import { useDebounced } from '../../lib/useDebounced';
import { useFeedback } from '../../lib/useFeedback';
import type { Page, TerritoryNode } from '../../lib/types';
import { PEOPLE_KEY, RESIDENCE_TYPES, useCreateResident, usePersonTags, type IdKind, type ResidenceType } from './api';
import { IdentityFields } from './IdentityFields';

type Values = {
  name: string;
  idKind: IdKind;
  idNumber?: string;
  noIdReason?: string;
  sex?: 'male' | 'female';
  birthDate?: string;
  phone?: string;
  residenceType: ResidenceType;
  householdNodeId: number;
  movedInOn?: Dayjs;
  tags?: string[];
};

export function CreateResidentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const create = useCreateResident();
  const tags = usePersonTags();
  const households = useQuery({
    queryKey: [...PEOPLE_KEY, 'household-pick', q],
    queryFn: () =>
      api.get<Page<TerritoryNode>>('/api/territory/nodes', { kind: 'household', q, limit: 30 }).then((p) => p.items),
    enabled: open && q.trim().length > 0,
  });

  const onFinish = (values: Values) =>
    create.mutate(
      {
        name: values.name,
        idKind: values.idKind,
        idNumber: values.idKind === 'none' ? undefined : values.idNumber,
        noIdReason: values.idKind === 'none' ? values.noIdReason : undefined,
        sex: values.idKind === 'resident_id' ? undefined : values.sex,
        birthDate: values.idKind === 'resident_id' ? undefined : values.birthDate,
        phone: values.phone || undefined,
        residenceType: values.residenceType,
        householdNodeId: values.householdNodeId,
        movedInOn: values.movedInOn?.format('YYYY-MM-DD'),
        tags: values.tags ?? [],
      },
      {
        onSuccess: (r) => {
          feedback.ok(t('people.created', { name: r.name }));
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) feedback.fail(error);
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('people.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': TID.createSubmit }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ residenceType: 'registered', idKind: 'resident_id' }}
      >
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} data-testid={TID.createName} />
        </Form.Item>
        <IdentityFields />
        <Form.Item name="phone" label={t('people.phone')}>
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Form.Item name="residenceType" label={t('people.residenceType')} rules={[{ required: true }]}>
          <Select options={RESIDENCE_TYPES.map((type) => ({ value: type, label: t(`people.residence.${type}`) }))} />
        </Form.Item>
        <Form.Item
          name="householdNodeId"
          label={t('people.household')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('people.householdPick')}
            loading={households.isFetching}
            options={(households.data ?? []).map((n) => ({ value: n.id, label: `${n.name}（${n.code}）` }))}
            data-testid={TID.createHousehold}
          />
        </Form.Item>
        <Form.Item name="movedInOn" label={t('people.movedInOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="tags" label={t('people.tags')}>
          <Select
            mode="multiple"
            options={(tags.data ?? [])
              .filter((tag) => !tag.retired)
              .map((tag) => ({ value: tag.code, label: tag.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
