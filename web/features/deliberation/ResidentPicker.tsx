// A searchable select of residents in the caller's scope (name, pinyin, initials or household), showing each one's
// age and household, for a proxy vote or a council member.
import { useState } from 'react';
import { Select } from 'antd';
import { useT } from '../../app/i18n';
import { useDebounced } from '../../lib/useDebounced';
import { useResidentSearch, type ResidentHit } from './api';

const age = (birth: string) => {
  const b = new Date(`${birth}T00:00:00Z`);
  const now = new Date();
  let a = now.getUTCFullYear() - b.getUTCFullYear();
  if (now.getUTCMonth() * 100 + now.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate()) a--;
  return a;
};

export function ResidentPicker(props: {
  value?: number;
  onChange?: (id: number | undefined, hit: ResidentHit | undefined) => void;
  id?: string;
  testId?: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useResidentSearch(q);
  const hits = found.data?.items ?? [];
  return (
    <Select<number>
      id={props.id}
      showSearch
      allowClear
      filterOption={false}
      value={props.value}
      onSearch={setText}
      onChange={(v) =>
        props.onChange?.(
          v,
          hits.find((h) => h.id === v),
        )
      }
      loading={found.isFetching}
      placeholder={t('delib.residentSearch')}
      notFoundContent={q ? t('delib.noResident') : t('delib.residentSearch')}
      data-testid={props.testId}
      style={{ width: '100%' }}
      options={hits.map((h) => ({
        value: h.id,
        label: t('delib.residentLabel', { name: h.name, age: age(h.birthDate), household: h.householdName }),
      }))}
    />
  );
}
