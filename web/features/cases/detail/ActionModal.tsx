// One action's form in a modal: sends the loaded version; a 409 shows the server's message and reloads the case.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ApiError } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/formErrors';
import { useIsMobile } from '../../../lib/useIsMobile';
import type { CaseDetail } from '../../../lib/types';
import { CASES_KEY, useCaseAction, useMergeCase, useSuggestedHandler } from '../api';
import { HANDLER_FIELD_MAP } from '../HandlerFields';
import { ActionFields, initialValues, toBody, type ActionValues, type FormAction } from './ActionFields';

type Props = { detail: CaseDetail; action: FormAction; onClose: () => void };

export function ActionModal({ detail, action, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const act = useCaseAction(detail.id);
  const merge = useMergeCase(detail.id);
  const [error, setError] = useState<unknown>(null);
  const suggestion = useSuggestedHandler(detail.id, action === 'dispatch');
  const suggested = action === 'dispatch' ? suggestion.data?.organisation : undefined;
  const waiting = action === 'dispatch' && suggestion.isPending;

  const submit = async (values: ActionValues) => {
    setError(null);
    try {
      if (action === 'merge') {
        const into = await merge.mutateAsync(values.intoId!);
        void message.success(t('case.done', { action: t('action.merge') }));
        onClose();
        navigate(`/cases/${into.id}`);
        return;
      }
      await act.mutateAsync(toBody(action, values, detail.version));
      void message.success(t('case.done', { action: t(`action.${action}`) }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Someone else moved the case on: say so in the server's words, then show the case as it is now.
        void message.error(`${e.message}。${t('case.reloaded')}`, 6);
        await queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'detail', detail.id] });
        onClose();
        return;
      }
      if (!applyServerErrors(form, e, HANDLER_FIELD_MAP)) setError(e);
    }
  };

  return (
    <Modal
      open
      title={`${t(`action.${action}`)} · ${detail.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.submit')}
      okButtonProps={{ loading: act.isPending || merge.isPending, disabled: waiting, 'data-testid': TID.actionSubmit }}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 12, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
      data-testid={TID.actionModal}
    >
      <ErrorAlert error={error} />
      {waiting ? null : (
        <Form<ActionValues>
          form={form}
          layout="vertical"
          initialValues={initialValues(action, detail, suggested)}
          onFinish={(v) => void submit(v)}
          data-testid={TID.actionModal}
        >
          <ActionFields action={action} detail={detail} suggested={suggested} />
        </Form>
      )}
    </Modal>
  );
}
