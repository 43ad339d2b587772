// The one category picker of every report form: class tiles with icons, then sub-class buttons; a search box finds
// active sub-classes by name, code or pinyin ("jg" or "jinggai" finds 井盖).
import { useMemo, useState } from 'react';
import { Button, Input, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { match } from 'pinyin-pro';
import { useT } from '../app/i18n';
import { ErrorAlert } from './ErrorAlert';
import type { Category } from '../lib/types';
import { useCategories } from '../features/cases/api';
import { categoryTree, classIcon } from '../features/cases/labels';

/** The test ids a form gives the picker, so each journey keeps the hooks it uses. */
export type CategoryPickerIds = {
  search: string;
  chosen: string;
  sub: (code: string) => string;
  klass?: (code: string) => string;
};

type Props = {
  value: string | null;
  onChange: (code: string | null) => void;
  ids: CategoryPickerIds;
  /**
   * 'phone' (the residents' portal): large buttons, the choice shown above the tiles so another is one tap away.
   * 'desk' (staff forms): the choice replaces the tiles, with its class and code and a change button.
   */
  variant?: 'phone' | 'desk';
  /** Placeholder and label of the search box. */
  searchLabel: string;
};

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

export function CategoryPicker({ value, onChange, ids, variant = 'desk', searchLabel }: Props) {
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
  const phone = variant === 'phone';
  const tree = categoryTree(categories.data);
  const chosen = categories.data.find((c) => c.code === value);

  if (chosen && !phone) {
    const parent = tree.find((c) => c.code === chosen.parentCode);
    return (
      <div className="jy-chosen-category" data-testid={ids.chosen} data-code={chosen.code}>
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

  const subButton = (sub: Category) => (
    <Button
      key={sub.code}
      size={phone ? 'large' : 'middle'}
      className={phone ? 'jy-portal-sub' : 'jy-sub-button'}
      onClick={() => onChange(sub.code)}
      data-testid={ids.sub(sub.code)}
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
          data-testid={ids.chosen}
          data-code={chosen.code}
          style={{ marginBottom: 12 }}
        >
          <span className="jy-class-icon">{classIcon(chosen.code)}</span>
          <Typography.Text strong>{chosen.name}</Typography.Text>
        </div>
      )}
      <Input
        size={phone ? 'large' : 'middle'}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={searchLabel}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid={ids.search}
        aria-label={searchLabel}
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
                data-testid={ids.klass?.(c.code)}
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
