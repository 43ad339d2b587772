// Marks a resident red, yellow or blue with a reason and the person who visits them (a grid worker, or oneself).
import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { applyServerErrors } from '../../lib/formErrors';
import { useDebounced } from '../../lib/useDebounced';
import { useFeedback } from '../../lib/useFeedback';
import { CARE_LEVELS, PEOPLE_KEY, searchUsers, usePutCare, type CareLevel, type DueItem, type Resident } from './api';
import { CARE_COLOR } from './labels';

type Props = { resident: Resident; current: DueItem | undefined; open: boolean; onClose: () => void };
type Values = { level: CareLevel; reason: string; assigneeUserId: number | null };

export function CareModal({ resident, current, open, onClose }: Props) {
  const t = useT();
  const me = useMe();
  const feedback = useFeedback();
  const mayListUsers = useCan('users.read');
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const put = usePutCare(resident.id);
  const users = useQuery({
    queryKey: [...PEOPLE_KEY, 'assignees', q],
    queryFn: () => searchUsers(q),
    enabled: open && mayListUsers,
  });
  const options = [
    { value: me.id, label: `${t('care.assigneeMe')}（${me.displayName}）` },
    ...(users.data ?? [])
      .filter((u) => u.id !== me.id)
      .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
  ];

  const onFinish = (values: Values) =>
    put.mutate(
      { level: values.level, reason: values.reason, assigneeUserId: values.assigneeUserId ?? null },
      {
        onSuccess: () => {
          feedback.ok(t('care.saved'));
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
      title={`${t('people.setCare')} · ${resident.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      okButtonProps={{ 'data-testid': TID.careSubmit }}
      destroyOnHidden
      data-testid={TID.careModal}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ level: current?.level ?? 'red', reason: '', assigneeUserId: current?.assigneeUserId ?? null }}
      >
        <Form.Item name="level" label={t('care.level')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group>
            {CARE_LEVELS.map((level) => (
              <Radio.Button
                key={level}
                value={level}
                data-testid={TID.careLevel(level)}
                style={{ color: CARE_COLOR[level] === 'gold' ? '#d48806' : CARE_COLOR[level] }}
              >
                {t(`care.${level}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('care.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount data-testid={TID.careReason} />
        </Form.Item>
        <Form.Item name="assigneeUserId" label={t('care.assignee')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('care.assigneeSearch')}
            options={options}
            loading={users.isFetching}
            data-testid={TID.careAssignee}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
