// Setting up a council (设立议事会): its place (which sets the level: grid/estate, community or street), kind, rules
// (one vote per household or per member, quorum, the support threshold for the agenda) and its meeting days of the
// month (e.g. 逢六说事: the 6th, 16th and 26th), sent as a recurrence rule.
import { Form, Input, InputNumber, Modal, Radio, Select, Switch, type ButtonProps } from 'antd';
import { COUNCIL_KINDS } from '../../../contracts/deliberation';
import { useT } from '../../app/i18n';
import { useDelibPost, usePlaces } from './api';
import { DelibError } from './DelibError';

type Values = {
  nodeId: number;
  kind: (typeof COUNCIL_KINDS)[number];
  name: string;
  voteRule: 'household' | 'member';
  openToResidents: boolean;
  quorum: number;
  supportThreshold: number;
  days: number[];
};

const LEVEL: Record<string, 'grid' | 'community' | 'street'> = {
  grid: 'grid',
  estate: 'grid',
  community: 'community',
  street: 'street',
};
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/** The RRULE of meeting days of the month, or none. */
export const monthlyRule = (days: number[]) =>
  days.length ? `FREQ=MONTHLY;BYMONTHDAY=${[...days].sort((a, b) => a - b).join(',')}` : undefined;

export function CouncilForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const post = useDelibPost();
  const places = usePlaces();
  const [form] = Form.useForm<Values>();
  const voteRule = Form.useWatch('voteRule', form);
  const save = ({ days, ...v }: Values) =>
    post.mutate(
      {
        path: '/councils',
        body: {
          ...v,
          openToResidents: v.voteRule === 'household' && v.openToResidents,
          meetingRule: monthlyRule(days ?? []),
        },
      },
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
      title={t('delib.newCouncil')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('delib.save')}
      cancelText={t('delib.cancel')}
      okButtonProps={{ loading: post.isPending, 'data-testid': 'cform-save' } as ButtonProps}
      destroyOnHidden
    >
      <DelibError error={post.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          kind: 'residents',
          voteRule: 'household',
          openToResidents: true,
          quorum: 3,
          supportThreshold: 10,
          days: [],
        }}
      >
        <Form.Item
          name="nodeId"
          label={t('delib.councilPlace')}
          rules={[{ required: true, message: t('delib.need.place') }]}
        >
          <Select
            data-testid="cform-place"
            showSearch
            optionFilterProp="label"
            options={(places.data?.items ?? [])
              .filter((p) => LEVEL[p.kind])
              .map((p) => ({ value: p.id, label: `${p.name}（${t(`delib.level.${LEVEL[p.kind]!}`)}）` }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('delib.councilKind')} rules={[{ required: true }]}>
          <Select
            data-testid="cform-kind"
            options={COUNCIL_KINDS.map((k) => ({ value: k, label: t(`delib.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('delib.councilName')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('delib.need.name') }]}
        >
          <Input data-testid="cform-name" maxLength={60} />
        </Form.Item>
        <Form.Item name="voteRule" label={t('delib.voteRule')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'household', label: t('delib.rule.household') },
              { value: 'member', label: t('delib.rule.member') },
            ]}
          />
        </Form.Item>
        {voteRule === 'household' && (
          <Form.Item name="openToResidents" label={t('delib.openToResidents')} valuePropName="checked">
            <Switch data-testid="cform-open" />
          </Form.Item>
        )}
        <Form.Item
          name="quorum"
          label={t('delib.quorumField')}
          extra={t('delib.quorumHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100000} precision={0} data-testid="cform-quorum" />
        </Form.Item>
        <Form.Item
          name="supportThreshold"
          label={t('delib.threshold')}
          extra={t('delib.thresholdHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100000} precision={0} data-testid="cform-threshold" />
        </Form.Item>
        <Form.Item name="days" label={t('delib.meetingDaysField')} extra={t('delib.meetingDaysHint')}>
          <Select
            mode="multiple"
            data-testid="cform-days"
            options={DAYS.map((d) => ({ value: d, label: t('delib.dayOfMonth', { n: d }) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
