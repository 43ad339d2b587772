// The bulk roster import (street officers and district administrators): upload a CSV or XLSX, watch the rows go in,
// then see the counts and the rows that were skipped with their reasons.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Result, Space, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { PEOPLE_KEY } from './api';

type Counts = { rowsRead: number; rowsWritten: number; badRows: number };
type BulkResult = Counts & {
  inserted: number;
  updated: number;
  unchanged: number;
  issues: { row: number; field: string; reason: string }[];
  issueCount: number;
  seconds: number;
};

export function BulkImport({ onBack, onClose }: { onBack: () => void; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Counts | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  };
  useEffect(() => stop, []);

  const onUpload = async (file: File) => {
    const job = crypto.randomUUID();
    const format = /\.csv$/i.test(file.name) ? 'csv' : 'xlsx';
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ rowsRead: 0, rowsWritten: 0, badRows: 0 });
    // The upload answers only when every row is in; meanwhile the server's counters are polled.
    poll.current = setInterval(() => {
      api.get<Counts>(`/api/people/imports/bulk/${job}`).then(setProgress, () => {});
    }, 1000);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      setResult(await api.upload<BulkResult>(`/api/people/imports/bulk?format=${format}&job=${job}`, form));
      void queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
    } catch (e) {
      setError(e);
    } finally {
      stop();
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('import.bulk.hint')} />
      <ErrorAlert error={error} />
      {!result && (
        <Upload.Dragger
          accept=".csv,.xlsx"
          maxCount={1}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void onUpload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.bulk.choose')}</p>
        </Upload.Dragger>
      )}
      {busy && progress && (
        <div aria-live="polite">
          <Progress percent={100} status="active" showInfo={false} />
          {t('import.bulk.running', { read: progress.rowsRead, written: progress.rowsWritten, bad: progress.badRows })}
        </div>
      )}
      {result && (
        <>
          <Result
            status={result.badRows ? 'warning' : 'success'}
            title={t('import.bulk.done', {
              inserted: result.inserted,
              updated: result.updated,
              unchanged: result.unchanged,
              bad: result.badRows,
              seconds: result.seconds,
            })}
          />
          {result.issues.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.reason}`}
              dataSource={result.issues}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 110 },
                { title: t('import.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
          {result.issueCount > result.issues.length && (
            <Alert
              type="warning"
              message={t('import.bulk.moreIssues', { shown: result.issues.length, count: result.issueCount })}
            />
          )}
        </>
      )}
      <Space wrap>
        <Button onClick={onBack} disabled={busy}>
          {t('import.bulk.back')}
        </Button>
        {result && (
          <>
            <Button onClick={() => setResult(null)}>{t('import.again')}</Button>
            <Button type="primary" onClick={onClose}>
              {t('import.close')}
            </Button>
          </>
        )}
      </Space>
    </Space>
  );
}
