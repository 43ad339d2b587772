// A searchable select of organisations, optionally of one kind (e.g. departments for department handlers).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { OrganisationKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { api } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';
import type { Organisation, Page } from '../../lib/types';
import { ORGANISATIONS_KEY, ORGANISATIONS_PATH } from './api';

export type OrganisationOption = { value: number; label: string };
type Props = {
  value?: OrganisationOption | null;
  onChange?: (value: OrganisationOption | null) => void;
  kind?: OrganisationKind;
  testId?: string;
  /** Given by an enclosing Form.Item, so its label names the field. */
  id?: string;
};

export function OrganisationPicker({ value, onChange, kind, testId, id }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const results = useQuery({
    queryKey: [...ORGANISATIONS_KEY, 'pick', kind ?? null, q],
    queryFn: () => api.get<Page<Organisation>>(ORGANISATIONS_PATH, { kind, q, limit: 30 }),
    placeholderData: (prev) => prev,
  });
  return (
    <Select<OrganisationOption>
      showSearch
      labelInValue
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ? { value: v.value, label: String(v.label) } : null)}
      onSearch={setText}
      loading={results.isFetching}
      id={id}
      aria-label={id ? undefined : t('org.pickPlaceholder')}
      placeholder={t('org.pickPlaceholder')}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      options={(results.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.nodeName}）` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
