// District administrators' settings of the hotline: the request type → category table, and the rate formula choices.
import { useState } from 'react';
import { Button, Collapse, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { api, request } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { useCategories } from '../cases/api';
import { HOTLINE_KEY, HOTLINE_PATH, type Rates } from './api';

type MapEntry = { hotlineType: string; categoryCode: string; categoryName: string | null };
const isAdmin = (me: ReturnType<typeof useMe>) => me.bindings.some((b) => b.role === 'district_admin');

/** The request-type table, editable by district administrators, shown under the import. */
export function CategoryMapPanel() {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const map = useQuery({
    queryKey: [...HOTLINE_KEY, 'map'],
    queryFn: () => api.get<{ items: MapEntry[] }>(`${HOTLINE_PATH}/category-map`),
  });
  const put = useMutation({
    mutationFn: (v: { hotlineType: string; categoryCode: string }) =>
      request<{ items: MapEntry[] }>('PUT', `${HOTLINE_PATH}/category-map`, { body: v }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...HOTLINE_KEY, 'map'] }),
    onError: feedback.fail,
  });
  const [form] = Form.useForm<{ hotlineType: string; categoryCode: string }>();
  const options = (categories.data ?? [])
    .filter((c) => c.parentCode && !c.requiredFields.includes('location'))
    .map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'map',
          label: t('hotline.map.title'),
          children: (
            <>
              {isAdmin(me) && (
                <Form
                  form={form}
                  layout="inline"
                  style={{ marginBottom: 12 }}
                  onFinish={(v) => put.mutate(v, { onSuccess: () => form.resetFields() })}
                >
                  <Form.Item name="hotlineType" rules={[{ required: true, max: 50 }]}>
                    <Input placeholder={t('hotline.requestType')} />
                  </Form.Item>
                  <Form.Item name="categoryCode" rules={[{ required: true }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={options}
                      style={{ width: 220 }}
                      placeholder={t('hotline.queue.category')}
                    />
                  </Form.Item>
                  <Button htmlType="submit" loading={put.isPending}>
                    {t('hotline.map.save')}
                  </Button>
                </Form>
              )}
              <Table<MapEntry>
                size="small"
                rowKey="hotlineType"
                loading={map.isPending}
                dataSource={map.data?.items ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('hotline.requestType'), dataIndex: 'hotlineType' },
                  {
                    title: t('hotline.queue.category'),
                    key: 'c',
                    render: (_, m) => `${m.categoryCode} ${m.categoryName ?? ''}`,
                  },
                ]}
              />
            </>
          ),
        },
      ]}
    />
  );
}

/** The formula choices behind the rates; district administrators may change them (audited on the server). */
export function RateSettingsPanel({ settings }: { settings: Rates['settings'] }) {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Rates['settings']>();
  const [saving, setSaving] = useState(false);
  if (!isAdmin(me)) return null;
  const save = async (v: Rates['settings']) => {
    setSaving(true);
    try {
      await request('PUT', `${HOTLINE_PATH}/settings/rates`, { body: v });
      await queryClient.invalidateQueries({ queryKey: [...HOTLINE_KEY, 'rates'] });
      feedback.ok(t('hotline.settings.saved'));
    } catch (e) {
      feedback.fail(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 's',
          label: t('hotline.settings.title'),
          children: (
            <Form
              form={form}
              layout="vertical"
              initialValues={settings}
              onFinish={(v) => void save(v)}
              style={{ maxWidth: 420 }}
            >
              <Form.Item name="responseHours" label={t('hotline.settings.responseHours')} rules={[{ required: true }]}>
                <InputNumber min={1} max={720} />
              </Form.Item>
              <Form.Item name="resolution" label={t('hotline.settings.resolution')} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: 'rating_or_closure', label: t('hotline.settings.ratingOrClosure') },
                    { value: 'rating_only', label: t('hotline.settings.ratingOnly') },
                  ]}
                />
              </Form.Item>
              <Space>
                <Form.Item
                  name="satisfiedWeight"
                  label={t('hotline.settings.satisfiedWeight')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={1} step={0.1} />
                </Form.Item>
                <Form.Item
                  name="basicallySatisfiedWeight"
                  label={t('hotline.settings.basicWeight')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={1} step={0.1} />
                </Form.Item>
              </Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('hotline.map.save')}
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}
