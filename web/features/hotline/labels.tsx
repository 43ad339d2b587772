// Small shared pieces of the hotline page: status and unreasonable tags, the case link, the order columns.
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useLanguage, useT, type MessageKey } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import type { Order } from './api';

const STATUS_COLOR: Record<Order['status'], string> = {
  pending_address: 'orange',
  pending_category: 'gold',
  created: 'green',
};
const UNREASONABLE_COLOR = { proposed: 'blue', approved: 'red', refused: 'default' } as const;

export function StatusTag({ status }: { status: Order['status'] }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`hotline.status.${status}` as MessageKey)}</Tag>;
}

export function UnreasonableTag({ state }: { state: Order['unreasonable'] }) {
  const t = useT();
  if (!state) return null;
  return (
    <Tag
      color={UNREASONABLE_COLOR[state]}
    >{`${t('hotline.unreasonable')}·${t(`hotline.unreasonable.${state}` as MessageKey)}`}</Tag>
  );
}

/** The columns every order table shares; callers append their own. */
export function useOrderColumns(): ColumnsType<Order> {
  const t = useT();
  const [language] = useLanguage();
  return [
    { title: t('hotline.orderNo'), dataIndex: 'orderNo', width: 150 },
    {
      title: t('hotline.calledAt'),
      dataIndex: 'calledAt',
      width: 160,
      render: (v: string) => formatDateTime(v, language),
    },
    { title: t('hotline.requestType'), dataIndex: 'requestType', width: 110 },
    { title: t('hotline.address'), dataIndex: 'address', ellipsis: true },
    {
      title: t('hotline.status'),
      key: 'status',
      width: 170,
      render: (_, o) => (
        <>
          <StatusTag status={o.status} />
          <UnreasonableTag state={o.unreasonable} />
        </>
      ),
    },
    {
      title: t('hotline.case'),
      key: 'case',
      width: 150,
      render: (_, o) =>
        o.caseId ? (
          <Link to={`/cases/${o.caseId}`} onClick={(e) => e.stopPropagation()}>
            {o.caseNumber}
          </Link>
        ) : (
          '—'
        ),
    },
  ];
}
