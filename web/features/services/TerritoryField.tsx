// The territory condition of an eligibility rule in the catalogue editor: the areas whose households may apply (any of
// them), chosen by name with the territory's own picker and shown as tags that can be removed.
import { Space, Tag } from 'antd';
import { useT } from '../../app/i18n';
import { useNode } from '../territory/api';
import { NodePicker } from '../territory/NodePicker';

const AREA_KINDS = ['district', 'street', 'community', 'grid', 'estate'] as const;

/** An area's name, fetched once it is shown (a saved rule holds only ids). */
function AreaName({ id }: { id: number }) {
  const node = useNode(id);
  return <>{node.data?.name ?? `#${id}`}</>;
}

/** Form control: `value` is the node ids; Form.Item supplies value, onChange and id. */
export function TerritoryField({
  value = [],
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ minWidth: 240 }} data-testid="svc-territory">
      {value.length > 0 && (
        <Space wrap size={4}>
          {value.map((n) => (
            <Tag
              key={n}
              closable
              onClose={() => onChange?.(value.filter((x) => x !== n))}
              closeIcon={<span aria-label={t('svc.f.territoryRemove')}>×</span>}
              data-testid={`svc-territory-${n}`}
            >
              <AreaName id={n} />
            </Tag>
          ))}
        </Space>
      )}
      <NodePicker
        id={id}
        value={null}
        kinds={AREA_KINDS}
        placeholder={t('svc.f.territoryAdd')}
        onChange={(o) => o && !value.includes(o.value) && onChange?.([...value, o.value])}
        testId="svc-territory-pick"
      />
    </Space>
  );
}
