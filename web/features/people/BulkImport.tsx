// The bulk roster import (street officers and district administrators): upload a CSV or XLSX, watch the rows go in,
// then see the counts and the rows that were skipped with their reasons.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Result, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n';
import { IssueTable, UploadPreview, useUpload, type RowIssue } from '../../components/UploadPreview';
import { api } from '../../lib/api';
import { PEOPLE_KEY } from './api';
import { ISSUE_LABELS } from './labels';

type Counts = { rowsRead: number; rowsWritten: number; badRows: number };
type BulkResult = Counts & {
  inserted: number;
  updated: number;
  unchanged: number;
  issues: RowIssue[];
  issueCount: number;
  seconds: number;
};

export function BulkImport({ onBack, onClose }: { onBack: () => void; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Counts | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  };
  useEffect(() => stop, []);

  const send = async (file: File) => {
    const job = crypto.randomUUID();
    const format = /\.csv$/i.test(file.name) ? 'csv' : 'xlsx';
    setResult(null);
    setProgress({ rowsRead: 0, rowsWritten: 0, badRows: 0 });
    // The upload answers only when every row is in; meanwhile the server's counters are polled.
    poll.current = setInterval(() => {
      api.get<Counts>(`/api/people/imports/bulk/${job}`).then(setProgress, () => {});
    }, 1000);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      return await api.upload<BulkResult>(`/api/people/imports/bulk?format=${format}&job=${job}`, form);
    } finally {
      stop();
    }
  };
  const upload = useUpload(send, (r) => {
    setResult(r);
    void queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
  });
  const busy = upload.busy;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('import.bulk.hint')} />
      {!result && <UploadPreview accept=".csv,.xlsx" upload={upload} text={t('import.bulk.choose')} />}
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
          <IssueTable issues={result.issues} labels={ISSUE_LABELS} rowWidth={80} />
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
