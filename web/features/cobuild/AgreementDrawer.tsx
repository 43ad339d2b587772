// Signing a 共驻共建 agreement between a unit and a community: the term, the unit's party organisation that reports in
// with it, and its commitments (the resources it offers, e.g. a hall on weekday evenings, legal advice, repairs, funds),
// which enter the community's resource list.
import { useEffect } from 'react';
import { Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { RESOURCE_CATEGORIES } from '../../../contracts/cobuild';
import { useT } from '../../app/i18n';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { useCommunities, useSignableUnits, useSignAgreement } from './api';

type Values = {
  organisationId?: number;
  communityId?: number;
  term?: [Dayjs, Dayjs];
  partyOrgName: string;
  commitments: { title?: string; category?: (typeof RESOURCE_CATEGORIES)[number] }[];
};

const FIELD_MAP = { startsOn: 'term', endsOn: 'term' };

export function AgreementDrawer({
  open,
  organisationId,
  onClose,
}: {
  open: boolean;
  organisationId?: number;
  onClose: () => void;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      title={t('cob.agreement.sign')}
    >
      {open && <AgreementForm organisationId={organisationId} onDone={onClose} />}
    </Drawer>
  );
}

function AgreementForm({ organisationId, onDone }: { organisationId?: number; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form, FIELD_MAP);
  const sign = useSignAgreement();
  const units = useSignableUnits();
  const communities = useCommunities();
  const list = communities.data ?? [];
  const required = { required: true, message: t('common.required') };
  // The only community in reach is chosen for the worker, once the list has come.
  useEffect(() => {
    if (list.length === 1 && form.getFieldValue('communityId') == null) form.setFieldValue('communityId', list[0]!.id);
  }, [list, form]);
  const year = dayjs().startOf('year');
  const submit = (v: Values) =>
    void save(
      () =>
        sign.mutateAsync({
          organisationId: v.organisationId!,
          communityId: v.communityId!,
          startsOn: v.term![0].format('YYYY-MM-DD'),
          endsOn: v.term![1].format('YYYY-MM-DD'),
          partyOrgName: v.partyOrgName.trim(),
          commitments: v.commitments.map((c) => ({ title: c.title!.trim(), category: c.category! })),
        }),
      t('cob.agreement.signed'),
      onDone,
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        organisationId,
        communityId: list.length === 1 ? list[0]!.id : undefined,
        term: [year, year.add(2, 'year').endOf('year')],
        partyOrgName: '',
        commitments: [{ category: 'space' }],
      }}
      data-testid="cob-agreement-form"
    >
      <Form.Item name="organisationId" label={t('cob.unit')} rules={[required]}>
        <Select
          data-testid="cob-agreement-unit"
          showSearch
          optionFilterProp="label"
          loading={units.isLoading}
          options={(units.data ?? []).map((o) => ({
            value: o.id,
            label: `${o.name}（${t(`orgKind.${o.kind as 'partner_unit'}`)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="communityId" label={t('cob.community')} rules={[required]}>
        <Select
          data-testid="cob-agreement-community"
          loading={communities.isLoading}
          options={list.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="term" label={t('cob.term')} rules={[required]}>
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          allowClear={false}
          placeholder={[t('cob.agreement.starts'), t('cob.agreement.ends')]}
          data-testid="cob-agreement-term"
        />
      </Form.Item>
      <Form.Item
        name="partyOrgName"
        label={t('cob.partyOrg')}
        rules={[{ ...required, whitespace: true }, { max: 100 }]}
        extra={t('cob.agreement.partyOrgHint')}
      >
        <Input maxLength={100} data-testid="cob-agreement-party" />
      </Form.Item>
      <Form.List
        name="commitments"
        rules={[
          {
            validator: (_, v: unknown[]) =>
              v?.length ? Promise.resolve() : Promise.reject(new Error(t('cob.agreement.needCommitment'))),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('cob.commitments')} required>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'title']} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
                  <Input
                    maxLength={100}
                    style={{ width: 240 }}
                    aria-label={t('cob.agreement.commitmentTitle', { n: i + 1 })}
                    placeholder={t('cob.agreement.commitmentPlaceholder')}
                    data-testid={`cob-commitment-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'category']} rules={[required]}>
                  <Select
                    style={{ width: 130 }}
                    aria-label={t('cob.agreement.category')}
                    options={RESOURCE_CATEGORIES.map((c) => ({ value: c, label: t(`cob.cat.${c}`) }))}
                  />
                </Form.Item>
                {fields.length > 1 && (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('cob.agreement.removeCommitment')}
                    onClick={() => remove(f.name)}
                  />
                )}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ category: 'other' })} data-testid="cob-commitment-add">
              {t('cob.agreement.addCommitment')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={sign.isPending} data-testid="cob-agreement-save">
        {t('cob.agreement.signSubmit')}
      </Button>
    </Form>
  );
}
