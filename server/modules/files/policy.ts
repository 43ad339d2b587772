// Who may read an attachment: its uploader, or anyone who may read a case showing it (on the case or in its timeline).
import { sql, type SQL } from 'drizzle-orm';
import { attachments } from '../../platform/files/tables';
import { scope, type Actor } from '../../platform/policy';
import { casePolicy, caseScopeColumns, caseEvents, cases } from '../cases';

/**
 * SQL predicate over `attachments`: the rows the actor may read. A photo is as visible as the most visible case
 * that holds it, through the case policy's own read scope, so it never shows to someone who cannot see that case.
 * Visits will add their own EXISTS here.
 */
export function attachmentReadScope(actor: Actor): SQL {
  const item = sql`jsonb_build_array(${attachments.id}::text)`;
  const onCase = sql`exists (
    select 1 from ${cases} left join ${caseEvents} on ${caseEvents.caseId} = ${cases.id}
    where (${cases.photos} @> ${item} or ${caseEvents.photos} @> ${item})
      and ${scope(actor, casePolicy, 'read', caseScopeColumns)})`;
  return sql`(${attachments.uploaderId} = ${actor.userId} or ${onCase})`;
}
