// Before/after of an audit entry side by side: changed top-level fields first, then the full JSON of each side.
import { Col, Row, Table, Typography } from 'antd';
import { useT } from '../../app/i18n';

type Props = { before: unknown; after: unknown };
type DiffRow = { key: string; before: unknown; after: unknown; changed: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One row per top-level key in either side, marking those whose values differ. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys
    .map((key) => ({ key, before: b[key], after: a[key], changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]) }))
    .sort((x, y) => Number(y.changed) - Number(x.changed));
}

export function JsonDiff({ before, after }: Props) {
  const t = useT();
  const rows = diffRows(before, after);
  return (
    <>
      {rows.length > 0 && (
        <Table<DiffRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 480 }}
          rowClassName={(row) => (row.changed ? 'jy-diff-changed' : '')}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'key',
              width: 160,
              render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
            },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: unknown) => <span style={{ wordBreak: 'break-all' }}>{show(v)}</span>,
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: unknown) => <span style={{ wordBreak: 'break-all' }}>{show(v)}</span>,
            },
          ]}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre className="jy-json">
            {before === null || before === undefined ? '—' : JSON.stringify(before, null, 2)}
          </pre>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre className="jy-json">{after === null || after === undefined ? '—' : JSON.stringify(after, null, 2)}</pre>
        </Col>
      </Row>
    </>
  );
}
