// Adding a council member with a role (召集人, 记录员, 成员): a resident of the registry (their account votes when the
// council votes per member), a unit (the property company, a partner unit) or a person named only.
import { useState } from 'react';
import { Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useT } from '../../app/i18n';
import { OrganisationPicker, type OrganisationOption } from '../organisations/OrganisationPicker';
import { useDelibPost, type CouncilData } from './api';
import { DelibError } from './DelibError';
import { ResidentPicker } from './ResidentPicker';

type Source = 'resident' | 'organisation' | 'named';
type Values = { role: 'chair' | 'secretary' | 'member'; name: string };

export function MemberForm({ c, open, onClose }: { c: CouncilData; open: boolean; onClose: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const [form] = Form.useForm<Values>();
  const [source, setSource] = useState<Source>('resident');
  const [resident, setResident] = useState<{ id: number; userId: number | null } | undefined>();
  const [org, setOrg] = useState<OrganisationOption | null>(null);
  const save = (v: Values) =>
    post.mutate(
      {
        path: `/councils/${c.id}/members`,
        body: {
          ...v,
          ...(source === 'resident' && resident
            ? { residentId: resident.id, ...(resident.userId ? { userId: resident.userId } : {}) }
            : {}),
          ...(source === 'organisation' && org ? { organisationId: org.value } : {}),
        },
      },
      {
        onSuccess: () => {
          form.resetFields();
          setResident(undefined);
          setOrg(null);
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('delib.addMemberTo', { council: c.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('delib.save')}
      cancelText={t('delib.cancel')}
      okButtonProps={{ loading: post.isPending, 'data-testid': 'member-save' } as ButtonProps}
      destroyOnHidden
    >
      <DelibError error={post.error} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ role: 'member' }}>
        <Form.Item name="role" label={t('delib.role')} rules={[{ required: true }]}>
          <Select
            data-testid="member-role"
            options={(['chair', 'secretary', 'member'] as const).map((r) => ({
              value: r,
              label: t(`delib.role.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('delib.memberSource')}>
          <Radio.Group
            optionType="button"
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            options={[
              { value: 'resident', label: t('delib.source.resident') },
              { value: 'organisation', label: t('delib.source.organisation') },
              { value: 'named', label: t('delib.source.named') },
            ]}
          />
        </Form.Item>
        {source === 'resident' && (
          <Form.Item label={t('delib.source.resident')} htmlFor="member-resident">
            <ResidentPicker
              id="member-resident"
              testId="member-resident"
              value={resident?.id}
              onChange={(id, hit) => {
                setResident(id && hit ? { id, userId: hit.userId } : undefined);
                if (hit) form.setFieldValue('name', hit.name);
              }}
            />
          </Form.Item>
        )}
        {source === 'organisation' && (
          <Form.Item label={t('delib.source.organisation')} htmlFor="member-org">
            <OrganisationPicker
              id="member-org"
              testId="member-org"
              value={org}
              onChange={(o) => {
                setOrg(o);
                if (o) form.setFieldValue('name', o.label.replace(/（.*）$/, ''));
              }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('delib.memberName')}
          extra={t('delib.memberNameHint')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('delib.need.name') }]}
        >
          <Input data-testid="member-name" maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
