// What Open311 shows of a service and of a case: public fields only, China-time dates, sensitive categories coarsened.
import type { CaseStatus } from '../../../contracts/cases';
import type { Lang } from '../../platform/errors';
import { type CaseListRow, type CategoryRow, textWithheld } from '../cases';
import { redactPersonalText } from '../../platform/redact';
import { open311Status } from './statuses';

/** ISO 8601 in China time with its offset, as GeoReport asks for dates with offsets: 2026-11-22T09:30:00+08:00. */
export function chinaIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const nameOf = (c: Pick<CategoryRow, 'name' | 'nameEn'>, lang: Lang) => (lang === 'en' ? (c.nameEn ?? c.name) : c.name);

/** ~1 km: a sensitive category (family dispute, an elderly person living alone) must not point at a door. */
const coarse = (v: number | null) => (v == null ? null : Math.round(v * 100) / 100);

export type Attribute = {
  variable: boolean;
  code: string;
  datatype: 'text';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
};

const REQUIREMENTS: Record<string, { code: string; 'zh-CN': string; en: string }> = {
  location: {
    code: 'LOCATION_REQUIRED',
    'zh-CN': '此类问题须提供地图坐标（lat 与 long），仅有地址无法受理。',
    en: 'This service needs a map point (lat and long); an address alone is not accepted.',
  },
  photos: {
    code: 'PHOTO_REQUIRED',
    'zh-CN': '此类问题须附照片：请以 media_url 提供照片链接。',
    en: 'This service needs a photo: give its link as media_url.',
  },
};

/**
 * The category's required fields as informational attributes (variable=false: shown to the user, not asked for):
 * both are enforced on the core parameters (lat/long, media_url), so no attribute[CODE] value is expected.
 */
export function attributesOf(c: CategoryRow, lang: Lang): Attribute[] {
  return c.requiredFields
    .filter((f) => REQUIREMENTS[f])
    .map((f, i) => ({
      variable: false,
      code: REQUIREMENTS[f]!.code,
      datatype: 'text',
      required: false,
      datatype_description: null,
      order: i + 1,
      description: REQUIREMENTS[f]![lang],
    }));
}

export function serviceOf(c: CategoryRow, parent: CategoryRow | undefined, lang: Lang) {
  return {
    service_code: c.code,
    service_name: nameOf(c, lang),
    description: lang === 'en' ? c.name : (c.nameEn ?? null),
    metadata: attributesOf(c, lang).length > 0,
    type: 'realtime' as const,
    keywords: [c.name, c.nameEn, parent?.name, parent?.nameEn].filter(Boolean).join(','),
    group: parent ? nameOf(parent, lang) : null,
  };
}

export function requestOf(
  c: CaseListRow,
  o: { sensitive: boolean; note: string | null; mediaUrl: string | null; lang: Lang; categoryNameEn: string | null },
) {
  const { status, extended } = open311Status(c.status as CaseStatus, c.mergedInto);
  // A case about one home (linked resident or household) shows neither its text nor its address, like a sensitive one.
  const withheld = textWithheld(c, o.sensitive);
  return {
    service_request_id: c.number,
    status,
    status_notes: withheld ? null : redactPersonalText(o.note),
    service_name: o.lang === 'en' ? (o.categoryNameEn ?? c.categoryName) : c.categoryName,
    service_code: c.categoryCode,
    description: withheld ? null : redactPersonalText(c.description),
    agency_responsible: c.assigneeName ?? null,
    service_notice: null,
    requested_datetime: chinaIso(c.createdAt),
    updated_datetime: chinaIso(status === 'closed' && c.closedAt ? c.closedAt : c.updatedAt),
    expected_datetime: status === 'open' && c.dueAt ? chinaIso(c.dueAt) : null,
    address: withheld ? null : redactPersonalText(c.address),
    address_id: null,
    zipcode: null,
    lat: o.sensitive ? coarse(c.lat) : c.lat,
    long: o.sensitive ? coarse(c.lng) : c.lng,
    media_url: o.sensitive ? null : o.mediaUrl,
    /** FixMyStreet's finer status; `status` itself stays open/closed as the schema requires. */
    extended_attributes: { status: extended },
  };
}
export type RequestView = ReturnType<typeof requestOf>;
