// Records that a resident moved out: the date and where to, after a confirmation; the record is kept, never deleted.
import { Alert, Form, Input, Modal } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { applyServerErrors } from '../../lib/formErrors';
import { useFeedback } from '../../lib/useFeedback';
import { chinaToday, useMoveOut, type Resident } from './api';

type Values = { movedOutOn: string; destination: string };

export function MoveOutModal({
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
  const moveOut = useMoveOut(r.id);

  const onFinish = (v: Values) =>
    moveOut.mutate(v, {
      onSuccess: () => {
        feedback.ok(t('people.movedOutDone'));
        onClose();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error)) feedback.fail(error);
      },
    });

  return (
    <Modal
      open={open}
      title={t('people.moveOutTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('people.moveOut')}
      okButtonProps={{ danger: true, 'data-testid': TID.createSubmit }}
      cancelText={t('common.cancel')}
      confirmLoading={moveOut.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('people.moveOutConfirm', { name: r.name })}
      />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ movedOutOn: chinaToday() }}>
        <Form.Item
          name="movedOutOn"
          label={t('people.movedOutOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item
          name="destination"
          label={t('people.movedOutTo')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} data-testid={TID.moveOutDestination} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
