// The service hall's figures, defined once here (as DOMAIN.md §3 defines the case figures):
// - received: applications made in the period (by creation time);
// - handled: those of them closed (approved, refused or certificate issued);
// - on time: handled before the promised time limit (or with none); on-time share = on time / handled;
// - at the door: handled without the resident being sent to a hall: every channel but 'hall' (online, door-to-door, proxy);
//   at-door share = at the door / handled;
// - median time: median hours from application to closing, of the handled;
// - satisfaction: share of ratings of 4 or 5 stars among the rated.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceMetricsQuery } from '../../../contracts/services';
import { rows, type Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { canAnywhere, scope, type Actor } from '../../platform/policy';
import { servicePolicy } from './policy';
import { serviceApplications } from './tables';

type Row = {
  key: string;
  label: string;
  received: number;
  handled: number;
  on_time: number;
  at_door: number;
  median_hours: number | null;
  rated: number;
  satisfied: number;
};

export function createServiceMeasures(deps: { db: Db }) {
  return {
    async figures(actor: Actor, q: z.infer<typeof ServiceMetricsQuery>) {
      if (!canAnywhere(actor, servicePolicy, 'measure')) throw new AppError('forbidden');
      const a = serviceApplications;
      const group =
        q.by === 'community'
          ? { key: sql`${a.nodeId}::text`, label: sql`(select n.name from territory_nodes n where n.id = ${a.nodeId})` }
          : q.by === 'item'
            ? {
                key: sql`${a.itemCode}`,
                label: sql`coalesce((select i.name from service_items i where i.code = ${a.itemCode}), ${a.itemCode})`,
              }
            : {
                key: sql`to_char(${a.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
                label: sql`to_char(${a.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
              };
      const query = (g: { key: SQL; label: SQL }, grouped: boolean) =>
        rows<Row>(
          deps.db,
          sql`
          select ${g.key} as key, ${g.label} as label,
            count(*)::int as received,
            count(${a.closedAt})::int as handled,
            count(*) filter (where ${a.closedOnTime})::int as on_time,
            count(*) filter (where ${a.closedAt} is not null and ${a.channel} <> 'hall')::int as at_door,
            percentile_cont(0.5) within group (order by extract(epoch from ${a.closedAt} - ${a.createdAt}) / 3600)
              filter (where ${a.closedAt} is not null) as median_hours,
            count(${a.rating})::int as rated,
            count(*) filter (where ${a.rating} >= 4)::int as satisfied
          from ${a}
          where ${scope(actor, servicePolicy, 'measure', { path: a.nodePath })}
            and ${a.createdAt} >= ${q.from}::date and ${a.createdAt} < ${q.to}::date + 1
          ${grouped ? sql`group by 1, 2 order by 1` : sql``}`,
        );
      // The total row is computed over all applications at once (a share or median of shares would be wrong).
      const r = await query(group, true);
      const [t] = await query({ key: sql`'total'`, label: sql`'total'` }, false);
      const figure = (x: Row) => ({
        key: x.key,
        label: x.label ?? x.key,
        received: x.received,
        handled: x.handled,
        onTime: x.on_time,
        atDoor: x.at_door,
        atDoorShare: x.handled ? x.at_door / x.handled : null,
        onTimeShare: x.handled ? x.on_time / x.handled : null,
        medianHours: x.median_hours == null ? null : Math.round(Number(x.median_hours) * 10) / 10,
        satisfaction: x.rated ? x.satisfied / x.rated : null,
      });
      return { rows: r.map(figure), total: figure(t!) };
    },
  };
}
export type ServiceMeasures = ReturnType<typeof createServiceMeasures>;
