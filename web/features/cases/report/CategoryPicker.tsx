// The report's category picker: class tiles with icons, then sub-classes; a search box finds sub-classes by name or code.
import { useState } from 'react';
import { Button, Input, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Category } from '../../../lib/types';
import { useCategories } from '../api';
import { categoryTree, classIcon } from '../labels';

type Props = { value: string | null; onChange: (code: string | null) => void };

export function CategoryPicker({ value, onChange }: Props) {
  const t = useT();
  const categories = useCategories();
  const [openClass, setOpenClass] = useState<string | null>(value ? value.slice(0, 3) : null);
  const [search, setSearch] = useState('');

  if (categories.isPending) return <Spin />;
  if (categories.isError) return <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />;
  const tree = categoryTree(categories.data);
  const chosen = categories.data.find((c) => c.code === value);

  if (chosen) {
    const parent = tree.find((c) => c.code === chosen.parentCode);
    return (
      <div className="jy-chosen-category" data-testid={TID.reportCategoryChosen} data-code={chosen.code}>
        <span className="jy-class-icon">{classIcon(chosen.code)}</span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{chosen.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {parent?.name} · {chosen.code}
          </Typography.Text>
        </span>
        <Button onClick={() => onChange(null)}>{t('report.categoryChange')}</Button>
      </div>
    );
  }

  const needle = search.trim().toLowerCase();
  const subButton = (sub: Category) => (
    <Button
      key={sub.code}
      onClick={() => onChange(sub.code)}
      data-testid={TID.categorySub(sub.code)}
      className="jy-sub-button"
    >
      {sub.name}
    </Button>
  );
  const matches = needle
    ? categories.data.filter(
        (c) =>
          c.parentCode !== null && (c.name.toLowerCase().includes(needle) || c.code.toLowerCase().includes(needle)),
      )
    : [];
  const open = tree.find((c) => c.code === openClass);

  return (
    <div>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('report.categorySearch')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid={TID.reportCategorySearch}
        aria-label={t('report.categorySearch')}
        style={{ marginBottom: 8 }}
      />
      {needle ? (
        <div className="jy-sub-list">
          {matches.length ? (
            matches.map(subButton)
          ) : (
            <Typography.Text type="secondary">{t('common.noMatch')}</Typography.Text>
          )}
        </div>
      ) : (
        <>
          <div className="jy-class-grid" role="group" aria-label={t('report.category')}>
            {tree.map((c) => (
              <button
                type="button"
                key={c.code}
                className={`jy-class-tile${c.code === openClass ? ' jy-class-tile-open' : ''}`}
                aria-expanded={c.code === openClass}
                onClick={() => setOpenClass(c.code === openClass ? null : c.code)}
                data-testid={TID.categoryClass(c.code)}
              >
                <span className="jy-class-icon">{classIcon(c.code)}</span>
                <span className="jy-class-name">{c.name}</span>
              </button>
            ))}
          </div>
          {open && <div className="jy-sub-list">{open.subs.map(subButton)}</div>}
        </>
      )}
    </div>
  );
}
