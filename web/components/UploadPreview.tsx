// The upload-and-preview pieces every import shares: the drop zone that sends one file (with its error), and the table
// of every bad row's number, field and reason (or a line saying all rows passed).
import { useState, type ReactNode } from 'react';
import { Alert, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { MessageKey } from '../app/i18n';
import { useT } from '../app/i18n';
import { ErrorAlert } from './ErrorAlert';

/** One problem of an uploaded row, as every import's preview reports it. */
export type RowIssue = { row: number; field: string; reason: string };

/** The catalogue keys of a screen's column titles (each import keeps its own wording). */
export type IssueLabels = { row: MessageKey; field: MessageKey; reason: MessageKey; noErrors?: MessageKey };

/** Sends one chosen file through `send`; `busy` while it travels, `error` when it failed (shown by <UploadPreview>). */
export function useUpload<T>(send: (file: File) => Promise<T>, onDone: (answer: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await send(file));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, upload, clearError: () => setError(null) };
}

type UploadProps = {
  accept: string;
  /** The screen's `useUpload`: the drop zone hands it the file and shows its state. */
  upload: Pick<ReturnType<typeof useUpload>, 'busy' | 'error' | 'upload'>;
  /** What the drop zone says (already translated): while idle, and, if given, while the file travels. */
  text: ReactNode;
  busyText?: ReactNode;
  testId?: string;
};

/** The drop zone of an import: one file, never uploaded by antd itself (the screen sends it), the last error above it. */
export function UploadPreview({ accept, upload, text, busyText, testId }: UploadProps) {
  const { busy, error } = upload;
  return (
    <>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Upload.Dragger
        accept={accept}
        maxCount={1}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload.upload(file);
          return false;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{busy && busyText ? busyText : text}</p>
      </Upload.Dragger>
    </>
  );
}

/** Every bad row's number, field and reason, ten a page; with `labels.noErrors`, an empty list says all rows passed. */
export function IssueTable({
  issues,
  labels,
  rowWidth = 70,
  testId,
}: {
  issues: RowIssue[];
  labels: IssueLabels;
  rowWidth?: number;
  testId?: string;
}) {
  const t = useT();
  if (issues.length === 0)
    return labels.noErrors ? (
      <Alert type="success" showIcon message={t(labels.noErrors)} style={{ marginBottom: 12 }} />
    ) : null;
  return (
    <Table
      size="small"
      rowKey={(e) => `${e.row}-${e.field}-${e.reason}`}
      dataSource={issues}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid={testId}
      style={{ marginBottom: 12 }}
      columns={[
        { title: t(labels.row), dataIndex: 'row', width: rowWidth },
        { title: t(labels.field), dataIndex: 'field', width: 110 },
        { title: t(labels.reason), dataIndex: 'reason' },
      ]}
    />
  );
}

/** How many distinct rows have a problem. */
export const badRowCount = (issues: RowIssue[]) => new Set(issues.map((e) => e.row)).size;
