// The inbox filter bar: text search, status, category (class / sub-class tree), channel, date range and overdue.
import { Checkbox, DatePicker, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { CASE_STATUSES, CHANNELS, type CaseStatus, type Channel } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { useCategories } from './api';
import { categoryTreeData } from './labels';

export type CaseFilters = {
  q?: string;
  status?: CaseStatus;
  categoryCode?: string;
  channel?: Channel;
  from?: string;
  to?: string;
  overdue?: boolean;
};

type Props = { value: CaseFilters; onChange: (patch: Partial<CaseFilters>) => void; compact: boolean };

export function InboxFilters({ value, onChange, compact }: Props) {
  const t = useT();
  const categories = useCategories();
  const width = compact ? '100%' : undefined;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
      <Input.Search
        allowClear
        defaultValue={value.q}
        placeholder={t('cases.searchPlaceholder')}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        style={{ width: width ?? 220 }}
        data-testid={TID.caseSearch}
        aria-label={t('cases.searchPlaceholder')}
        maxLength={100}
      />
      <Select<CaseStatus>
        allowClear
        placeholder={t('cases.status')}
        value={value.status}
        onChange={(status) => onChange({ status })}
        options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ width: compact ? 'calc(50% - 4px)' : 120 }}
        data-testid={TID.caseFilter('status')}
        aria-label={t('cases.status')}
      />
      <Select<Channel>
        allowClear
        placeholder={t('cases.channel')}
        value={value.channel}
        onChange={(channel) => onChange({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        style={{ width: compact ? 'calc(50% - 4px)' : 130 }}
        data-testid={TID.caseFilter('channel')}
        aria-label={t('cases.channel')}
      />
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        placeholder={t('cases.category')}
        value={value.categoryCode}
        onChange={(categoryCode?: string) => onChange({ categoryCode })}
        treeData={categoryTreeData(categories.data ?? [])}
        loading={categories.isPending}
        style={{ width: width ?? 200 }}
        popupMatchSelectWidth={false}
        data-testid={TID.caseFilter('category')}
        aria-label={t('cases.category')}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) =>
          onChange({
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        placeholder={[t('cases.dateRange'), t('cases.dateRange')]}
        style={{ width: width ?? 250 }}
        data-testid={TID.caseFilter('range')}
      />
      <Checkbox
        checked={value.overdue ?? false}
        onChange={(e) => onChange({ overdue: e.target.checked || undefined })}
        data-testid={TID.caseFilter('overdue')}
        style={{ alignSelf: 'center' }}
      >
        {t('cases.overdueOnly')}
      </Checkbox>
    </div>
  );
}
