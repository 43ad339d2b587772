// Edits a resident: name, identity (a child's new ID number, another document), phone, residence type, moved-in date and tags.
import { Form, Input, Modal, Select } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import {
  RESIDENCE_TYPES,
  usePersonTags,
  useUpdateResident,
  type IdKind,
  type Resident,
  type ResidenceType,
  type UpdateResidentBody,
} from './api';
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
  movedInOn?: string;
  tags: string[];
};

export function EditResidentModal({
  resident: r,
  open,
  onClose,
}: {
  resident: Resident;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const update = useUpdateResident(r.id);
  const tags = usePersonTags();

  const onFinish = (v: Values) => {
    const body: UpdateResidentBody = {
      name: v.name,
      residenceType: v.residenceType,
      tags: v.tags,
      movedInOn: v.movedInOn || null,
    };
    // The phone is sent only when typed: the form shows it masked, so an untouched field means keep it.
    if (v.phone) body.phone = v.phone;
    const kindChanged = v.idKind !== r.idKind;
    if (
      kindChanged ||
      v.idNumber ||
      (v.idKind !== 'resident_id' && (v.sex !== r.sex || v.birthDate !== r.birthDate)) ||
      (v.idKind === 'none' && v.noIdReason !== r.noIdReason)
    ) {
      body.idKind = v.idKind;
      if (v.idKind !== 'none' && v.idNumber) body.idNumber = v.idNumber;
      if (v.idKind === 'none') body.noIdReason = v.noIdReason;
      if (v.idKind !== 'resident_id') Object.assign(body, { sex: v.sex, birthDate: v.birthDate });
    }
    update.mutate(body, {
      onSuccess: () => {
        feedback.ok(t('people.edited'));
        onClose();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error)) feedback.fail(error);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={`${t('people.edit')} · ${r.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': TID.createSubmit }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          name: r.name,
          idKind: r.idKind,
          noIdReason: r.noIdReason ?? undefined,
          sex: r.sex,
          birthDate: r.birthDate,
          residenceType: r.residenceType,
          movedInOn: r.movedInOn ?? undefined,
          tags: r.tags,
        }}
      >
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} data-testid={TID.createName} />
        </Form.Item>
        <IdentityFields editing />
        <Form.Item name="phone" label={t('people.phone')}>
          <Input maxLength={13} inputMode="tel" placeholder={r.phoneMasked ?? undefined} />
        </Form.Item>
        <Form.Item name="residenceType" label={t('people.residenceType')} rules={[{ required: true }]}>
          <Select options={RESIDENCE_TYPES.map((type) => ({ value: type, label: t(`people.residence.${type}`) }))} />
        </Form.Item>
        <Form.Item name="movedInOn" label={t('people.movedInOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="tags" label={t('people.tags')}>
          <Select
            mode="multiple"
            options={(tags.data ?? [])
              .filter((tag) => !tag.retired || r.tags.includes(tag.code))
              .map((tag) => ({ value: tag.code, label: tag.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
