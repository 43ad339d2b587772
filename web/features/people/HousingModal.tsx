// Edits a household's dwelling: use (owner occupied, rented, vacant), entrance, room and the owner among its residents.
import { Form, Input, Modal, Select } from 'antd';
import { useT } from '../../app/i18n';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { usePutHousing, type HouseholdPage, type PutHousingBody } from './api';

type Props = {
  nodeId: number;
  housing: HouseholdPage['housing'];
  residents: HouseholdPage['residents'];
  onClose: () => void;
};
type Values = { use: PutHousingBody['use']; entrance?: string; room?: string; ownerResidentId?: number };

export function HousingModal({ nodeId, housing, residents, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const put = usePutHousing(nodeId);
  const onFinish = (v: Values) =>
    put.mutate(
      { use: v.use, entrance: v.entrance || null, room: v.room || null, ownerResidentId: v.ownerResidentId ?? null },
      {
        onSuccess: () => {
          feedback.ok(t('household.saved'));
          onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) feedback.fail(error);
        },
      },
    );
  return (
    <Modal
      open
      title={t('household.editHousing')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          use: housing?.use ?? 'owner_occupied',
          entrance: housing?.entrance ?? undefined,
          room: housing?.room ?? undefined,
          ownerResidentId: housing?.ownerResidentId ?? undefined,
        }}
      >
        <Form.Item name="use" label={t('household.use')} rules={[{ required: true }]}>
          <Select
            options={(['owner_occupied', 'rented', 'vacant'] as const).map((u) => ({
              value: u,
              label: t(`household.use.${u}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="entrance" label={t('household.entrance')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="room" label={t('household.room')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="ownerResidentId" label={t('household.owner')}>
          <Select allowClear options={residents.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
