// Editing a community's rule (积分规则): points per hour of volunteering (a default and per activity type), per
// micro-wish, per participation and per project, the expiry of credited points, and household pooling.
import { Button, Drawer, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ACTIVITY_TYPES } from '../../../contracts/volunteers';
import { useT, type MessageKey } from '../../app/i18n';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { usePutRule, type RuleData } from './api';

type Values = {
  defaultRate: number;
  rates: { type?: string; rate?: number }[];
  wishFulfilled: number;
  participation: number;
  projectDone: number;
  expires: boolean;
  expiryMonths?: number | null;
  poolingAllowed: boolean;
};

/** The server names `hourRates.<type>`; the form shows the default apart from the per-type list. */
const FIELD_MAP = { 'hourRates.default': 'defaultRate' };

export function RuleDrawer({ rule, onClose }: { rule: RuleData | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={rule != null}
      onClose={onClose}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      title={rule ? t('points.rule.editTitle', { name: rule.communityName }) : ''}
    >
      {rule && <RuleForm rule={rule} onDone={onClose} />}
    </Drawer>
  );
}

function RuleForm({ rule, onDone }: { rule: RuleData; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form, FIELD_MAP);
  const put = usePutRule();
  const required = { required: true, message: t('common.required') };
  const typeLabel = (k: string) => t(`vol.type.${k}` as MessageKey);
  const initial: Values = {
    defaultRate: rule.hourRates.default ?? 10,
    rates: Object.entries(rule.hourRates)
      .filter(([k]) => k !== 'default')
      .map(([type, rate]) => ({ type, rate })),
    wishFulfilled: rule.wishFulfilled,
    participation: rule.participation,
    projectDone: rule.projectDone,
    expires: rule.expiryMonths != null,
    expiryMonths: rule.expiryMonths ?? 12,
    poolingAllowed: rule.poolingAllowed,
  };
  const submit = (v: Values) => {
    const hourRates: Record<string, number> = { default: v.defaultRate };
    for (const r of v.rates ?? []) if (r.type && r.rate != null) hourRates[r.type] = r.rate;
    void save(
      () =>
        put.mutateAsync({
          communityId: rule.communityId,
          body: {
            hourRates,
            wishFulfilled: v.wishFulfilled,
            participation: v.participation,
            projectDone: v.projectDone,
            expiryMonths: v.expires ? (v.expiryMonths ?? null) : null,
            poolingAllowed: v.poolingAllowed,
          },
        }),
      t('points.rule.saved'),
      onDone,
    );
  };
  const points = (name: keyof Values, label: MessageKey, testId: string) => (
    <Form.Item name={name} label={t(label)} rules={[required]}>
      <InputNumber min={0} max={10000} precision={0} addonAfter={t('points.unit')} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid="points-rule-form"
    >
      <Typography.Paragraph type="secondary">{t('points.rule.hint')}</Typography.Paragraph>
      <Form.Item name="defaultRate" label={t('points.rule.defaultRate')} rules={[required]}>
        <InputNumber
          min={0}
          max={1000}
          precision={0}
          addonAfter={t('points.rule.perHour')}
          data-testid="points-rule-default"
        />
      </Form.Item>
      <Form.List name="rates">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item
                  name={[f.name, 'type']}
                  rules={[
                    required,
                    {
                      validator: (_, v: string) =>
                        (form.getFieldValue('rates') as Values['rates']).filter((r) => r?.type === v).length > 1
                          ? Promise.reject(new Error(t('points.rule.typeTwice')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <Select
                    style={{ width: 140 }}
                    aria-label={t('points.rule.activityType')}
                    placeholder={t('points.rule.activityType')}
                    options={ACTIVITY_TYPES.map((k) => ({ value: k, label: typeLabel(k) }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'rate']} rules={[required]}>
                  <InputNumber
                    min={0}
                    max={1000}
                    precision={0}
                    style={{ width: 150 }}
                    aria-label={t('points.rule.perHour')}
                    addonAfter={t('points.rule.perHour')}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('points.rule.removeType')}
                  onClick={() => remove(f.name)}
                />
              </Space>
            ))}
            <Form.Item>
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="points-rule-add-type">
                {t('points.rule.addType')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      {points('participation', 'points.rule.participation', 'points-rule-participation')}
      {points('wishFulfilled', 'points.rule.wish', 'points-rule-wish')}
      {points('projectDone', 'points.rule.project', 'points-rule-project')}
      <Form.Item name="expires" label={t('points.rule.expires')} valuePropName="checked">
        <Switch data-testid="points-rule-expires" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.expires !== b.expires}>
        {() =>
          form.getFieldValue('expires') ? (
            <Form.Item name="expiryMonths" label={t('points.rule.expiryMonths')} rules={[required]}>
              <InputNumber min={1} max={120} precision={0} addonAfter={t('points.rule.monthUnit')} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item name="poolingAllowed" label={t('points.rule.pooling')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={put.isPending} data-testid="points-rule-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
