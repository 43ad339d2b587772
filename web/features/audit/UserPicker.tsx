// A searchable select of users by name or login (GET /api/users?q=), for the audit log's "who" filter.
import { useState, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useT } from '../../app/i18n';
import { api } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';
import type { Page, User } from '../../lib/types';

export type UserOption = { value: number; label: string };

export function UserPicker({
  value,
  onChange,
  style,
  testId,
  id,
}: {
  value?: UserOption | null;
  onChange?: (v: UserOption | null) => void;
  style?: CSSProperties;
  testId?: string;
  /** Given by an enclosing Form.Item, so its label names the field. */
  id?: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const results = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => api.get<Page<User>>('/api/users', { q, limit: 20 }),
    placeholderData: (prev) => prev,
  });
  return (
    <Select<UserOption>
      showSearch
      labelInValue
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onSearch={setText}
      onChange={(v) => onChange?.(v ?? null)}
      loading={results.isFetching}
      id={id}
      aria-label={id ? undefined : t('audit.actorPick')}
      placeholder={t('audit.actorPick')}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      options={(results.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
      style={style}
      data-testid={testId}
    />
  );
}
