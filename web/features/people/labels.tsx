// Small labels of the people pages: care level tags and colours, residence types, person tags by name.
import { Tag } from 'antd';
import { useT } from '../../app/i18n';
import type { CareLevel, PersonTag, ResidenceType } from './api';

export const CARE_COLOR: Record<CareLevel, string> = { red: 'red', yellow: 'gold', blue: 'blue' };

export function CareTag({ level }: { level: CareLevel | null | undefined }) {
  const t = useT();
  if (!level) return null;
  return (
    <Tag color={CARE_COLOR[level]} data-care={level}>
      {t(`care.${level}`)}
    </Tag>
  );
}

export function ResidenceLabel({ type }: { type: ResidenceType }) {
  const t = useT();
  return <>{t(`people.residence.${type}`)}</>;
}

/** The person's tags by their catalogue names. */
export function PersonTags({ codes, catalogue }: { codes: string[]; catalogue: PersonTag[] | undefined }) {
  const names = new Map((catalogue ?? []).map((tag) => [tag.code, tag.name]));
  return (
    <>
      {codes.map((code) => (
        <Tag key={code} style={{ marginInlineEnd: 4 }}>
          {names.get(code) ?? code}
        </Tag>
      ))}
    </>
  );
}

/** The column titles of a roster import's problem list (the interactive and the bulk import). */
export const ISSUE_LABELS = { row: 'import.row', field: 'import.field', reason: 'import.reason' } as const;
