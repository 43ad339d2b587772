// Step 1, what: class tiles with icons, then big sub-class buttons; search by name, code or pinyin ("jg" or "jinggai" finds 井盖).
import { useMemo, useState } from 'react';
import { Button, Input, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { match } from 'pinyin-pro';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Category } from '../../lib/types';
import { useCategories } from '../cases/api';
import { categoryTree, classIcon } from '../cases/labels';
import { PTID } from './testids';

type Props = { value: string | null; onChange: (code: string | null) => void };

/** Whether a category answers a search: its name or code contains it, or its name's pinyin (full or initials) does. */
export function categoryMatches(c: Category, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  if (!n) return false;
  return (
    c.name.toLowerCase().includes(n) ||
    c.code.toLowerCase().includes(n) ||
    (/^[a-z]+$/.test(n) && match(c.name, n) !== null)
  );
}

export function CategoryStep({ value, onChange }: Props) {
  const t = useT();
  const categories = useCategories();
  const [openClass, setOpenClass] = useState<string | null>(value ? value.slice(0, 3) : null);
  const [search, setSearch] = useState('');
  const subs = useMemo(
    () => (categories.data ?? []).filter((c) => c.parentCode !== null && c.active),
    [categories.data],
  );

  if (categories.isPending) return <Spin />;
  if (categories.isError) return <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />;
  const tree = categoryTree(categories.data);
  const chosen = categories.data.find((c) => c.code === value);
  const subButton = (sub: Category) => (
    <Button
      key={sub.code}
      size="large"
      className="jy-portal-sub"
      onClick={() => onChange(sub.code)}
      data-testid={PTID.categorySub(sub.code)}
      type={sub.code === value ? 'primary' : 'default'}
    >
      {sub.name}
    </Button>
  );
  const matches = search.trim() ? subs.filter((c) => categoryMatches(c, search)) : [];
  const open = tree.find((c) => c.code === openClass);

  return (
    <div>
      {chosen && (
        <div
          className="jy-chosen-category"
          data-testid={PTID.categoryChosen}
          data-code={chosen.code}
          style={{ marginBottom: 12 }}
        >
          <span className="jy-class-icon">{classIcon(chosen.code)}</span>
          <Typography.Text strong>{chosen.name}</Typography.Text>
        </div>
      )}
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('portal.report.categorySearch')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid={PTID.categorySearch}
        aria-label={t('portal.report.categorySearch')}
        style={{ marginBottom: 8 }}
      />
      {search.trim() ? (
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
              >
                <span className="jy-class-icon">{classIcon(c.code)}</span>
                <span className="jy-class-name">{c.name}</span>
              </button>
            ))}
          </div>
          {open && <div className="jy-sub-list">{open.subs.filter((s) => s.active).map(subButton)}</div>}
        </>
      )}
    </div>
  );
}
