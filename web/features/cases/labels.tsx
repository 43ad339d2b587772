// Small shared pieces of the case screens: status tags, due times (red when overdue), class icons, the category tree.
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import {
  AlertOutlined,
  AppstoreOutlined,
  BuildOutlined,
  BulbOutlined,
  CarOutlined,
  CloudOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  DeleteOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  HomeOutlined,
  NotificationOutlined,
  ShopOutlined,
  ToolOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { CaseStatus } from '../../../contracts/cases';
import { useLanguage, useT } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import type { Category } from '../../lib/types';

const STATUS_COLOR: Record<CaseStatus, string> = {
  reported: 'orange',
  registered: 'gold',
  dispatched: 'blue',
  handling: 'processing',
  replied: 'cyan',
  closed: 'green',
  shelved: 'purple',
  voided: 'default',
};

export function StatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** A due time; red (with the word 已超期) when the case is overdue. */
export function DueText({ dueAt, overdue, testId }: { dueAt: string | null; overdue: boolean; testId?: string }) {
  const t = useT();
  const [language] = useLanguage();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue} data-testid={testId} data-overdue={overdue}>
      {formatDateTime(dueAt, language)}
      {overdue && ` · ${t('cases.overdue')}`}
    </Typography.Text>
  );
}

const CLASS_ICONS: Record<string, ReactNode> = {
  A01: <BulbOutlined />,
  A02: <CarOutlined />,
  A03: <DeleteOutlined />,
  A04: <EnvironmentOutlined />,
  A05: <AppstoreOutlined />,
  E01: <BuildOutlined />,
  E02: <NotificationOutlined />,
  E03: <ToolOutlined />,
  E04: <ShopOutlined />,
  E05: <AlertOutlined />,
  C01: <CommentOutlined />,
  C02: <HomeOutlined />,
  C03: <WarningOutlined />,
  C04: <CloudOutlined />,
  C05: <CustomerServiceOutlined />,
  C06: <HeartOutlined />,
};

/** The icon of a category class (a generic one for classes added later). */
export const classIcon = (code: string): ReactNode => CLASS_ICONS[code.slice(0, 3)] ?? <AppstoreOutlined />;

export type CategoryClass = Category & { subs: Category[] };

/** Groups the flat category list into classes, each with its sub-classes, in code order. */
export function categoryTree(items: Category[]): CategoryClass[] {
  const classes = items.filter((c) => c.parentCode === null).sort((a, b) => a.code.localeCompare(b.code));
  return classes.map((c) => ({
    ...c,
    subs: items.filter((s) => s.parentCode === c.code).sort((a, b) => a.code.localeCompare(b.code)),
  }));
}

/** antd TreeSelect data for the category filter: classes with their sub-classes. */
export function categoryTreeData(items: Category[]) {
  return categoryTree(items).map((c) => ({
    value: c.code,
    title: `${c.name}`,
    children: c.subs.map((s) => ({ value: s.code, title: `${s.name}（${s.code}）` })),
  }));
}
