// Recording the resolution of a passed vote: what was decided, who carries it out (a unit, not a person: it is
// published) and by when. The question of the vote is the title's first draft.
import { DatePicker, Form, Input, Modal, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n';
import { DelibError } from './DelibError';
import { useDelibPost, type VoteData } from './api';

type Values = { title: string; text: string; owner: string; dueOn: Dayjs };

export function ResolutionForm({ vote, open, onClose }: { vote: VoteData; open: boolean; onClose: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const [form] = Form.useForm<Values>();
  const save = (v: Values) =>
    post.mutate(
      { path: '/resolutions', body: { voteId: vote.id, ...v, dueOn: v.dueOn.format('YYYY-MM-DD') } },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('delib.resolve')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('delib.resolveSave')}
      okButtonProps={{ loading: post.isPending, 'data-testid': 'resolution-save' } as ButtonProps}
      destroyOnHidden
    >
      <DelibError error={post.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ title: vote.question.replace(/^是否同意/, ''), dueOn: dayjs().add(30, 'day') }}
      >
        <Form.Item name="title" label={t('delib.resTitle')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="resolution-title" />
        </Form.Item>
        <Form.Item name="text" label={t('delib.resText')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={4} data-testid="resolution-text" />
        </Form.Item>
        <Form.Item
          name="owner"
          label={t('delib.owner')}
          extra={t('delib.ownerHint')}
          rules={[{ required: true, max: 60 }]}
        >
          <Input data-testid="resolution-owner" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('delib.due')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="resolution-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
