// The import wizard: download the template, upload a workbook, check the preview (counts and every row's problem),
// then commit the good rows; street officers and district administrators can switch to the bulk import of a large roster.
import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Steps, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { badRowCount, IssueTable, UploadPreview, useUpload } from '../../components/UploadPreview';
import { useFeedback } from '../../lib/useFeedback';
import { BulkImport } from './BulkImport';
import { ISSUE_LABELS } from './labels';
import {
  commitImport,
  downloadTemplate,
  PEOPLE_KEY,
  uploadImport,
  type ImportCommitResult,
  type ImportPreview,
} from './api';

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [bulk, setBulk] = useState(false);
  return (
    <Modal
      open={open}
      title={t(bulk ? 'import.bulk.title' : 'import.title')}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
      afterClose={() => setBulk(false)}
    >
      {bulk ? (
        <BulkImport onBack={() => setBulk(false)} onClose={onClose} />
      ) : (
        <ImportWizard onClose={onClose} onBulk={() => setBulk(true)} />
      )}
    </Modal>
  );
}

function ImportWizard({ onClose, onBulk }: { onClose: () => void; onBulk: () => void }) {
  const me = useMe();
  // The server's bulk policy: street officers and district administrators.
  const canBulk = me.bindings.some((b) => b.role === 'district_admin' || b.role === 'street_officer');
  const t = useT();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = useUpload(uploadImport, (p) => {
    setPreview(p);
    setStep(2);
  });
  const onCommit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setResult(await commitImport(preview.id));
      setStep(3);
      void queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
    } catch (e) {
      feedback.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setPreview(null);
    setResult(null);
    upload.clearError();
    setStep(1);
  };

  return (
    <>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('import.step.template') },
          { title: t('import.step.upload') },
          { title: t('import.step.preview') },
          { title: t('import.step.done') },
        ]}
      />
      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('import.templateHint')} />
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadTemplate().catch(feedback.fail)}
              data-testid={TID.importTemplate}
            >
              {t('import.downloadTemplate')}
            </Button>
            <Button type="primary" onClick={() => setStep(1)}>
              {t('import.next')}
            </Button>
            {canBulk && <Button onClick={onBulk}>{t('import.bulk.open')}</Button>}
          </Space>
        </Space>
      )}
      {step === 1 && (
        <UploadPreview
          accept=".xlsx"
          upload={upload}
          text={t('import.chooseFile')}
          busyText={t('import.uploading')}
          testId={TID.importFile}
        />
      )}
      {step === 2 && preview && (
        <>
          <Space size="middle" wrap style={{ marginBottom: 12 }}>
            <Tag>{t('import.total', { count: preview.totalRows })}</Tag>
            <Tag color="green">{t('import.good', { count: preview.goodRows })}</Tag>
            <Tag color={preview.errors.length ? 'red' : undefined}>
              {t('import.bad', { count: badRowCount(preview.errors) })}
            </Tag>
          </Space>
          <IssueTable
            issues={preview.errors}
            labels={{ ...ISSUE_LABELS, noErrors: 'import.noErrors' }}
            testId={TID.importErrors}
          />
          <Space wrap>
            <Button onClick={restart}>{t('import.again')}</Button>
            <Button
              type="primary"
              disabled={preview.goodRows === 0}
              loading={busy}
              onClick={() => void onCommit()}
              data-testid={TID.importCommit}
            >
              {t('import.commit', { count: preview.goodRows })}
            </Button>
          </Space>
        </>
      )}
      {step === 3 && result && (
        <Result
          status="success"
          title={
            <span data-testid={TID.importResult}>
              {t('import.committed', {
                inserted: result.inserted,
                updated: result.updated,
                unchanged: result.unchanged,
              })}
            </span>
          }
          extra={
            <Space>
              <Button onClick={restart}>{t('import.again')}</Button>
              <Button type="primary" onClick={onClose}>
                {t('import.close')}
              </Button>
            </Space>
          }
        />
      )}
    </>
  );
}
