// A searchable select of territory nodes in the caller's scope (by name or code), optionally of some kinds.
import { useState, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag, Typography } from 'antd';
import type { NodeKind } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { useDebounced } from '../../lib/useDebounced';
import { TERRITORY_KEY, searchNodes, useRoots } from './api';
import { KIND_COLOR } from './kindColors';

/** The form value: antd's labelInValue shape, so an existing choice shows its name without a fetch. */
export type NodeOption = { value: number; label: string };

type Props = {
  value?: NodeOption | null;
  onChange?: (value: NodeOption | null) => void;
  kinds?: readonly NodeKind[];
  placeholder?: string;
  excludeId?: number;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
  /** Given by an enclosing Form.Item, whose label then names the field. */
  id?: string;
  /** The field's name for screen readers where no Form.Item label names it (defaults to the placeholder). */
  'aria-label'?: string;
};

export function NodePicker({
  value,
  onChange,
  kinds,
  placeholder,
  excludeId,
  allowClear = true,
  style,
  testId,
  id,
  'aria-label': ariaLabel,
}: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const roots = useRoots();
  const rootNodes = roots.data?.items ?? [];
  const results = useQuery({
    queryKey: [...TERRITORY_KEY, 'search', q, kinds ?? null, rootNodes.map((r) => r.id)],
    queryFn: () => searchNodes(rootNodes, q, kinds),
    enabled: rootNodes.length > 0,
    placeholderData: (prev) => prev,
  });
  const nodes = (results.data ?? []).filter((n) => n.id !== excludeId);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const options = nodes.map((node) => ({ value: node.id, label: node.name }));

  return (
    <Select<NodeOption>
      showSearch
      labelInValue
      allowClear={allowClear}
      filterOption={false}
      // null (not undefined) keeps the select controlled, so a search box clears after each pick.
      value={value === undefined ? undefined : value}
      onChange={(v) => onChange?.(v ? { value: v.value, label: String(v.label) } : null)}
      onSearch={setText}
      onOpenChange={(open) => !open && setText('')}
      loading={results.isFetching}
      id={id}
      placeholder={placeholder ?? t('territory.searchPlaceholder')}
      aria-label={id ? undefined : (ariaLabel ?? placeholder ?? t('territory.searchPlaceholder'))}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      options={options}
      optionRender={(option) => {
        const node = byId.get(Number(option.value));
        if (!node) return option.label;
        return (
          <span>
            <Tag color={KIND_COLOR[node.kind]}>{t(`kind.${node.kind}`)}</Tag>
            {node.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {node.code}
            </Typography.Text>
          </span>
        );
      }}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
