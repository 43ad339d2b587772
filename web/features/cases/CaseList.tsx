// The inbox rows: a table on desktop (with row selection for dispatchers), stacked cards on phones.
import type { HTMLAttributes, Key, MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, List, Space, Table, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import type { CaseSummary } from '../../lib/types';
import { DueText, StatusTag } from './labels';

type Props = {
  items: CaseSummary[];
  loading: boolean;
  compact: boolean;
  emptyText: string;
  selectable: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
};

/** A whistle's summons waiting for the viewer's organisation: report in by this time. */
function SummonsTag({ dueAt }: { dueAt: string | null | undefined }) {
  const t = useT();
  const [language] = useLanguage();
  if (!dueAt) return null;
  const late = new Date(dueAt) < new Date();
  return (
    <Tag color={late ? 'red' : 'volcano'} data-testid={TID.caseSummonsTag}>
      {late ? t('case.summons.overdue') : t('case.summons.due', { time: formatDateTime(dueAt, language) })}
    </Tag>
  );
}

export function CaseList({ items, loading, compact, emptyText, selectable, selected, onSelect }: Props) {
  const t = useT();
  const navigate = useNavigate();

  if (compact) {
    return (
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <EmptyText description={emptyText} /> }}
        data-testid={TID.caseTable}
        renderItem={(c) => (
          // A list item around the card, so the list holds <li>s (what screen readers count as its entries).
          <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
            <Link to={`/cases/${c.id}`} data-testid={TID.caseRow} data-number={c.number}>
              <Card size="small" style={{ marginBottom: 8 }} hoverable>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>{c.categoryName}</Typography.Text>
                  <StatusTag status={c.status} />
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
                  {c.description}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.number} · {c.gridName}
                  {c.assigneeName ? ` · ${c.assigneeName}` : ''}
                </Typography.Text>
                <div style={{ fontSize: 12 }}>
                  <DueText dueAt={c.dueAt} overdue={c.overdue} />
                </div>
                <SummonsTag dueAt={c.reportInDueAt} />
              </Card>
            </Link>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <EmptyText description={emptyText} /> }}
      data-testid={TID.caseTable}
      onRow={(c) =>
        ({
          'data-testid': TID.caseRow,
          'data-number': c.number,
          onClick: (e: MouseEvent) => {
            // Clicks on the selection checkbox or the number link do their own thing.
            if ((e.target as HTMLElement).closest('a, .ant-checkbox-wrapper, .ant-table-selection-column')) return;
            navigate(`/cases/${c.id}`);
          },
          style: { cursor: 'pointer' },
        }) as HTMLAttributes<HTMLElement>
      }
      rowSelection={
        selectable
          ? {
              selectedRowKeys: selected,
              onChange: (keys: Key[]) => onSelect(keys.map(Number)),
              getCheckboxProps: (c) => ({ disabled: c.status !== 'registered' }),
            }
          : undefined
      }
      columns={[
        {
          title: t('cases.number'),
          dataIndex: 'number',
          width: 140,
          render: (number: string, c) => <Link to={`/cases/${c.id}`}>{number}</Link>,
        },
        { title: t('cases.category'), dataIndex: 'categoryName', width: 100, ellipsis: true },
        { title: t('cases.description'), dataIndex: 'description', ellipsis: true },
        { title: t('cases.grid'), dataIndex: 'gridName', width: 120, ellipsis: true },
        { title: t('cases.status'), dataIndex: 'status', width: 84, render: (_, c) => <StatusTag status={c.status} /> },
        {
          title: t('cases.assignee'),
          dataIndex: 'assigneeName',
          width: 140,
          ellipsis: true,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('cases.dueAt'),
          dataIndex: 'dueAt',
          width: 196,
          render: (_, c) => (
            <Space direction="vertical" size={2}>
              <DueText dueAt={c.dueAt} overdue={c.overdue} />
              <SummonsTag dueAt={c.reportInDueAt} />
            </Space>
          ),
        },
      ]}
    />
  );
}
