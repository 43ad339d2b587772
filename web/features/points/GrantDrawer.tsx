// Participation points for an event (a clean-up, a council meeting, a class): the community, what the event was, and
// everyone who took part; each gets the rule's participation points once, confirmed before the grant is posted.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSave } from '../../lib/useFormSave';
import { useIsMobile } from '../../lib/useIsMobile';
import { newKey, useGrantMany, useHolders, useRules } from './api';

type Values = { communityId?: number; memo: string; userIds: number[] };
/** A person the grant starts with (from the accounts list). */
export type GrantPerson = { userId: number; name: string };

export function GrantDrawer({ open, person, onClose }: { open: boolean; person?: GrantPerson; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={isMobile ? '100%' : 520}
      destroyOnHidden
      title={t('points.grant.title')}
    >
      {open && <GrantForm person={person} onDone={onClose} />}
    </Drawer>
  );
}

function GrantForm({ person, onDone }: { person?: GrantPerson; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useFormSave(form);
  const grant = useGrantMany();
  const rules = useRules();
  const communities = rules.data?.items ?? [];
  // One key for this form: sending it again (a retry, a double tap) credits nobody twice.
  const key = useMemo(() => newKey(), []);
  const communityId = Form.useWatch('communityId', form);
  const userIds = Form.useWatch('userIds', form) ?? [];
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const holders = useHolders(communityId, q);
  // Names already chosen stay labelled while the search shows others.
  const [known, setKnown] = useState(new Map<number, string>(person ? [[person.userId, person.name]] : []));
  const options = useMemo(() => {
    const m = new Map(known);
    for (const h of holders.data?.items ?? []) m.set(h.userId, `${h.displayName}（${h.place}）`);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [holders.data, known]);
  const rule = communities.find((c) => c.communityId === communityId);
  const required = { required: true, message: t('common.required') };
  // The only community in reach is chosen for the worker, once the list has come.
  useEffect(() => {
    if (communities.length === 1 && form.getFieldValue('communityId') == null)
      form.setFieldValue('communityId', communities[0]!.communityId);
  }, [communities, form]);
  const submit = () =>
    form
      .validateFields()
      .then((v) =>
        save(
          () => grant.mutateAsync({ communityId: v.communityId!, userIds: v.userIds, memo: v.memo.trim(), key }),
          t('points.grant.done', { n: v.userIds.length }),
          onDone,
        ),
      );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{
        communityId: communities.length === 1 ? communities[0]!.communityId : undefined,
        memo: '',
        userIds: person ? [person.userId] : [],
      }}
      data-testid="points-grant-form"
    >
      <Typography.Paragraph type="secondary">{t('points.grant.hint')}</Typography.Paragraph>
      <Form.Item name="communityId" label={t('points.item.community')} rules={[required]}>
        <Select
          data-testid="points-grant-community"
          loading={rules.isLoading}
          options={communities.map((c) => ({ value: c.communityId, label: c.communityName }))}
          onChange={() => form.setFieldValue('userIds', [])}
        />
      </Form.Item>
      <Form.Item
        name="memo"
        label={t('points.grant.memo')}
        rules={[{ ...required, whitespace: true }, { max: 200 }]}
        extra={t('points.grant.memoHint')}
      >
        <Input maxLength={200} data-testid="points-grant-memo" />
      </Form.Item>
      <Form.Item name="userIds" label={t('points.grant.people')} rules={[required]}>
        <Select
          mode="multiple"
          data-testid="points-grant-people"
          disabled={communityId == null}
          placeholder={t('points.grant.peoplePlaceholder')}
          showSearch
          filterOption={false}
          onSearch={setSearch}
          loading={holders.isFetching}
          notFoundContent={t('common.noMatch')}
          options={options}
          onChange={(ids: number[]) =>
            setKnown((prev) => {
              const next = new Map(prev);
              for (const o of options) if (ids.includes(o.value)) next.set(o.value, o.label);
              return next;
            })
          }
        />
      </Form.Item>
      {rule && (
        <Alert
          type={rule.participation > 0 ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={
            rule.participation > 0
              ? t('points.grant.each', { n: rule.participation, total: rule.participation * userIds.length })
              : t('points.grant.zero')
          }
        />
      )}
      <Popconfirm
        title={t('points.grant.confirm', { n: userIds.length, points: rule?.participation ?? 0 })}
        okText={t('points.grant.submit')}
        cancelText={t('common.cancel')}
        onConfirm={() => void submit().catch(() => undefined)}
        disabled={userIds.length === 0}
      >
        <Button
          type="primary"
          loading={grant.isPending}
          disabled={userIds.length === 0}
          data-testid="points-grant-submit"
        >
          {t('points.grant.submit')}
        </Button>
      </Popconfirm>
    </Form>
  );
}
