// Territory tree nodes: district → street → community → grid → estate → building → household.
import { z } from 'zod';
import { Geometry, PageQuery, pageOf, QueryBool } from './common';
import { GridKind, NodeKind } from './domain';

const Name = z.string().trim().min(1).max(100);
const Code = z.string().regex(/^\d{6,25}$/, '编码应为 6–25 位数字');

export const TerritoryNode = z.object({
  id: z.number().int(),
  kind: NodeKind,
  code: z.string(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  gridKind: GridKind.nullable(),
  geometry: Geometry.nullable(),
  childCount: z.number().int(),
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TerritoryNode = z.infer<typeof TerritoryNode>;

export const NodeWithAncestors = TerritoryNode.extend({
  ancestors: z.array(z.object({ id: z.number().int(), kind: NodeKind, name: z.string(), code: z.string() })),
});

export const NodeListQuery = PageQuery.extend({
  parentId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('children of this node; omit for the roots visible to you'),
  under: z.coerce.number().int().positive().optional().describe('all descendants of this node'),
  kind: NodeKind.optional(),
  q: z.string().trim().max(100).optional().describe('name or code contains'),
  includeRetired: QueryBool.default(false),
  withGeometry: QueryBool.default(false),
}).strict();
export const NodePage = pageOf(TerritoryNode);

export const CreateNodeBody = z
  .object({
    parentId: z.number().int().positive(),
    kind: NodeKind,
    name: Name,
    code: Code.optional().describe('omit to take the next free code under the parent'),
    gridKind: GridKind.optional(),
    geometry: Geometry.optional(),
  })
  .strict();

export const UpdateNodeBody = z
  .object({
    name: Name.optional(),
    gridKind: GridKind.optional(),
    geometry: Geometry.nullable().optional(),
  })
  .strict();

export const MoveNodeBody = z.object({ newParentId: z.number().int().positive() }).strict();

export const GeoJsonImportBody = z
  .object({
    communityId: z.number().int().positive().describe('grids are matched or created under this community'),
    featureCollection: z.object({
      type: z.literal('FeatureCollection'),
      features: z
        .array(
          z.object({
            type: z.literal('Feature'),
            properties: z.record(z.string(), z.unknown()).nullable(),
            geometry: z.unknown(),
          }),
        )
        .min(1)
        .max(5000),
    }),
    dryRun: z.boolean().default(false),
  })
  .strict();

export const GeoJsonImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), message: z.string() })),
  dryRun: z.boolean(),
});

/** The kinds anyone may see on a map: areas and their names, never estates, buildings or households. */
export const PUBLIC_OUTLINE_KINDS = ['district', 'street', 'community', 'grid'] as const;
export const PublicOutlineKind = z.enum(PUBLIC_OUTLINE_KINDS);

/** One area's name and shape, as the public base map draws it: nothing about who lives there. */
export const PublicOutline = z.object({
  id: z.number().int(),
  kind: PublicOutlineKind,
  name: z.string(),
  parentId: z.number().int().nullable(),
  geometry: Geometry,
});
export type PublicOutline = z.infer<typeof PublicOutline>;
export const PublicOutlineQuery = z
  .object({
    within: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe('the community holding this node (or this node, above community level) and its areas; omit for all'),
  })
  .strict();
export const PublicOutlineList = z.object({
  items: z.array(PublicOutline),
  /** True when there were more areas than one answer carries (the largest, coarsest ones come first). */
  truncated: z.boolean(),
});
