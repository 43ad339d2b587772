// How a report looks to the public: no names, phones, photos or addresses; points coarsened, sensitive matters hidden.
import type { CaseStatus } from '../../../contracts/cases';
import type { PublicReport } from '../../../contracts/portal';
import { redactPersonalText } from '../../platform/redact';
import { type CaseListRow, textWithheld } from '../cases';
import type { NodeRow } from '../territory';

/** What coarsening needs: which categories are sensitive (disputes, care for vulnerable people) and the grids' boxes. */
export type PlaceFacts = { sensitive: Set<string>; grids: Map<number, NodeRow> };

/** Three decimals of a degree: about 111 m north–south and 85 m east–west at Beijing's latitude. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function gridCentre(g: NodeRow | undefined): { lat: number; lng: number } | null {
  if (!g || g.minLat == null || g.maxLat == null || g.minLng == null || g.maxLng == null) return null;
  return { lat: round3((g.minLat + g.maxLat) / 2), lng: round3((g.minLng + g.maxLng) / 2) };
}

export function toPublic(c: CaseListRow, facts: PlaceFacts): PublicReport {
  const sensitive = facts.sensitive.has(c.categoryCode);
  const point = c.lat != null && c.lng != null ? { lat: round3(c.lat), lng: round3(c.lng) } : null;
  return {
    id: c.id,
    number: c.number,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    // Numbers typed into the text (phones, ID numbers, cards, e-mails) are masked; cases/view textWithheld says which texts are not shown at all.
    description: textWithheld(c, sensitive) ? null : redactPersonalText(c.description),
    status: c.status as CaseStatus,
    gridName: c.gridName,
    location: sensitive ? gridCentre(facts.grids.get(c.gridId)) : point,
    coarsening: sensitive ? 'grid_centre' : 'rounded',
    supportCount: c.supportCount,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}
