// Import of the hotline export: template, upload → preview with every row's problem → commit with progress → result.
import { useEffect, useState } from 'react';
import { Alert, Button, Progress, Result, Space, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { badRowCount, IssueTable, UploadPreview, useUpload } from '../../components/UploadPreview';
import { useFeedback } from '../../lib/useFeedback';
import { CategoryMapPanel } from './Settings';
import {
  commitImport,
  downloadTemplate,
  HOTLINE_KEY,
  importStatus,
  uploadExport,
  type ImportPreview,
  type ImportResult,
} from './api';

const LABELS = {
  row: 'hotline.import.row',
  field: 'hotline.import.field',
  reason: 'hotline.import.reason',
  noErrors: 'hotline.import.noErrors',
} as const;

export function ImportTab() {
  const t = useT();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [committing, setCommitting] = useState(false);
  const [done, setDone] = useState(0);
  const upload = useUpload(uploadExport, setPreview);

  // The commit saves 500 rows per transaction and records how far it got: poll that while it runs.
  useEffect(() => {
    if (!committing || !preview) return;
    const timer = window.setInterval(
      () =>
        void importStatus(preview.id).then(
          (p) => setDone(p.committedRows),
          () => undefined,
        ),
      700,
    );
    return () => window.clearInterval(timer);
  }, [committing, preview]);

  const onCommit = async () => {
    if (!preview) return;
    setCommitting(true);
    setDone(0);
    try {
      setResult(await commitImport(preview.id));
      void queryClient.invalidateQueries({ queryKey: HOTLINE_KEY });
    } catch (e) {
      feedback.fail(e);
    } finally {
      setCommitting(false);
    }
  };
  const restart = () => {
    setPreview(null);
    setResult(null);
    upload.clearError();
  };

  if (result)
    return (
      <Result
        status="success"
        title={t('hotline.import.done', {
          orders: result.orders,
          cases: result.cases,
          pending: result.pending,
          skipped: result.skipped,
        })}
        extra={<Button onClick={restart}>{t('hotline.import.again')}</Button>}
      />
    );

  if (preview) {
    const badRows = badRowCount(preview.errors);
    return (
      <>
        <Space size="middle" wrap style={{ marginBottom: 12 }}>
          <Tag>{t('hotline.import.total', { count: preview.totalRows })}</Tag>
          <Tag color="green">{t('hotline.import.good', { count: preview.goodRows })}</Tag>
          {preview.knownRows > 0 && <Tag>{t('hotline.import.known', { count: preview.knownRows })}</Tag>}
          {preview.unmatchedRows > 0 && (
            <Tag color="orange">{t('hotline.import.unmatched', { count: preview.unmatchedRows })}</Tag>
          )}
          <Tag color={badRows ? 'red' : undefined}>{t('hotline.import.bad', { count: badRows })}</Tag>
        </Space>
        <IssueTable issues={preview.errors} labels={LABELS} />
        {committing && (
          <div style={{ marginBottom: 12 }}>
            {t('hotline.import.progress')}
            <Progress percent={preview.goodRows ? Math.round((100 * done) / preview.goodRows) : 0} />
          </div>
        )}
        <Space wrap>
          <Button onClick={restart} disabled={committing}>
            {t('hotline.import.again')}
          </Button>
          <Button type="primary" disabled={preview.goodRows === 0} loading={committing} onClick={() => void onCommit()}>
            {t('hotline.import.commit', { count: preview.goodRows })}
          </Button>
        </Space>
      </>
    );
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('hotline.import.hint')} />
      <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate().catch(feedback.fail)}>
        {t('hotline.import.template')}
      </Button>
      <UploadPreview
        accept=".xlsx,.csv"
        upload={upload}
        text={t('hotline.import.choose')}
        busyText={t('hotline.import.uploading')}
      />
      <CategoryMapPanel />
    </Space>
  );
}
