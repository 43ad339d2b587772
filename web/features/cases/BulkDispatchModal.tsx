// Bulk dispatch (批量派遣): one triage and handler for the selected cases, then each case's own result.
import { useState } from 'react';
import { Form, List, Modal, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CaseSummary } from '../../lib/types';
import { useBulkDispatch, type BulkResult } from './api';
import { HandlerFields, handlerTarget, type HandlerValues } from './HandlerFields';

const KNOWN_CODES = ['conflict', 'action_not_allowed', 'validation_failed', 'forbidden', 'not_found'] as const;

type Props = { cases: CaseSummary[]; open: boolean; onClose: (dispatched: boolean) => void };

export function BulkDispatchModal({ cases, open, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<HandlerValues>();
  const bulk = useBulkDispatch();
  const [results, setResults] = useState<BulkResult[] | null>(null);
  // Numbers are kept from when the form was sent: dispatched cases leave the list the rows came from.
  const [numbers, setNumbers] = useState<Map<number, string>>(new Map());

  const close = () => {
    const dispatched = results?.some((r) => r.ok) ?? false;
    setResults(null);
    bulk.reset();
    form.resetFields();
    onClose(dispatched);
  };

  const submit = async (values: HandlerValues) => {
    setNumbers(new Map(cases.map((c) => [c.id, c.number])));
    const r = await bulk.mutateAsync({ ids: cases.map((c) => c.id), target: handlerTarget(values) }).catch(() => null);
    if (r) setResults(r);
  };

  const okCount = results?.filter((r) => r.ok).length ?? 0;
  const codeText = (code: string | null) =>
    code && (KNOWN_CODES as readonly string[]).includes(code)
      ? t(`cases.bulkCode.${code as (typeof KNOWN_CODES)[number]}`)
      : (code ?? '');
  return (
    <Modal
      open={open}
      title={t('cases.bulkTitle', { count: results ? results.length : cases.length })}
      onCancel={close}
      onOk={results ? close : () => form.submit()}
      okText={results ? t('common.confirm') : t('form.submit')}
      okButtonProps={{ loading: bulk.isPending, 'data-testid': TID.bulkDispatchSubmit }}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      <ErrorAlert error={bulk.error} />
      {results ? (
        <div data-testid={TID.bulkResults}>
          <Typography.Paragraph strong>
            {t('cases.bulkDone', { ok: okCount, failed: results.length - okCount })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={results}
            renderItem={(r) => (
              <List.Item data-ok={r.ok}>
                {r.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}{' '}
                {numbers.get(r.id) ?? r.id} ·{' '}
                {r.ok ? t('cases.bulkOk') : t('cases.bulkFailed', { code: codeText(r.code) })}
              </List.Item>
            )}
          />
        </div>
      ) : (
        <Form<HandlerValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ triage: 'major', handlerKind: 'organisation' }}
        >
          <HandlerFields alwaysAskReason />
        </Form>
      )}
    </Modal>
  );
}
