// The person-tag catalogue (重点人群标签) for district administrators: search, add, rename, retire with confirmation, restore.
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormSave } from '../../lib/useFormSave';
import { useFeedback } from '../../lib/useFeedback';
import { useAllTags, useSaveTag, type PersonTag } from './api';

type Editing = { mode: 'create' } | { mode: 'rename'; tag: PersonTag } | null;

function TagModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const t = useT();
  const save = useSaveTag();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const creating = editing?.mode === 'create';
  const saveForm = useFormSave(form);
  const submit = (v: { name: string; code?: string }) =>
    saveForm(
      () =>
        creating
          ? save.mutateAsync({ create: true, name: v.name, code: v.code?.trim() || undefined })
          : save.mutateAsync({ code: editing!.tag.code, name: v.name }),
      t('common.saved'),
      onClose,
    );
  return (
    <Modal
      open={editing != null}
      title={creating ? t('admin.tags.add') : t('admin.tags.rename')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'tag-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={editing?.mode === 'rename' ? { name: editing.tag.name } : {}}
        preserve={false}
      >
        <Form.Item
          name="name"
          label={t('admin.tags.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 30 }]}
        >
          <Input maxLength={30} autoFocus data-testid="tag-name" />
        </Form.Item>
        {creating && (
          <Form.Item
            name="code"
            label={t('admin.tags.code')}
            extra={t('admin.tags.codeHint')}
            rules={[{ pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('admin.tags.codeRule') }]}
          >
            <Input maxLength={40} data-testid="tag-code" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function TagsPage() {
  const t = useT();
  const feedback = useFeedback();
  const tags = useAllTags();
  const save = useSaveTag();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (tags.data ?? []).filter((x) => !s || x.name.toLowerCase().includes(s) || x.code.includes(s));
  }, [tags.data, q]);
  const setRetired = async (tag: PersonTag, retired: boolean) => {
    try {
      await save.mutateAsync({ code: tag.code, retired });
      feedback.ok(retired ? t('admin.tags.retired') : t('admin.tags.restored'));
    } catch (error) {
      feedback.fail(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.tags.title')}
        subtitle={t('admin.tags.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="tag-add"
          >
            {t('admin.tags.add')}
          </Button>
        }
      />
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('admin.tags.search')}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 12 }}
          data-testid="tag-search"
        />
        <ErrorAlert error={tags.error} onRetry={() => void tags.refetch()} />
        <Table<PersonTag>
          rowKey="code"
          size="small"
          loading={tags.isPending}
          dataSource={shown}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyText description={t('admin.tags.empty')} /> }}
          data-testid="tags-table"
          columns={[
            { title: t('admin.tags.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
            {
              title: t('admin.tags.code'),
              dataIndex: 'code',
              // On a phone the name, status and actions come first; the code is for imports and filters.
              responsive: ['md'],
              sorter: (a, b) => a.code.localeCompare(b.code),
              render: (code: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {code}
                </Typography.Text>
              ),
            },
            {
              title: t('admin.tags.status'),
              dataIndex: 'retired',
              filters: [
                { text: t('admin.tags.active'), value: false },
                { text: t('common.retired'), value: true },
              ],
              onFilter: (v, r) => r.retired === v,
              render: (retired: boolean) =>
                retired ? <Tag>{t('common.retired')}</Tag> : <Tag color="green">{t('admin.tags.active')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_: unknown, tag: PersonTag) => (
                <Space size={4} wrap>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing({ mode: 'rename', tag })}
                    data-testid={`tag-rename-${tag.code}`}
                  >
                    {t('admin.tags.rename')}
                  </Button>
                  {tag.retired ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => void setRetired(tag, false)}
                      data-testid={`tag-restore-${tag.code}`}
                    >
                      {t('admin.tags.restore')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('admin.tags.retireConfirm', { name: tag.name })}
                      description={t('admin.tags.retireHint')}
                      okText={t('admin.tags.retire')}
                      okButtonProps={{ danger: true, 'data-testid': 'tag-retire-ok' }}
                      onConfirm={() => setRetired(tag, true)}
                    >
                      <Button size="small" type="link" danger data-testid={`tag-retire-${tag.code}`}>
                        {t('admin.tags.retire')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TagModal editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
