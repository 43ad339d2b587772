// SQL for attachments: insert, and reads filtered by a caller-supplied read scope.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import { attachments } from '../../platform/files/tables';

export type AttachmentRow = typeof attachments.$inferSelect;

export const attachmentRepo = {
  async insert(exec: Exec, v: typeof attachments.$inferInsert): Promise<AttachmentRow> {
    const [row] = await exec.insert(attachments).values(v).returning();
    return row!;
  },

  /** The attachment if it exists and `scope` lets it through. */
  async readable(exec: Exec, id: string, scope: SQL): Promise<AttachmentRow | null> {
    const r = await exec
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, id), scope));
    return r[0] ?? null;
  },

  /** Which of `ids` exist and `scope` lets through. */
  async readableIds(exec: Exec, ids: string[], scope: SQL): Promise<string[]> {
    if (ids.length === 0) return [];
    const r = await exec
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, ids), scope));
    return r.map((x) => x.id);
  },

  async byId(exec: Exec, id: string): Promise<AttachmentRow | null> {
    const r = await exec.select().from(attachments).where(eq(attachments.id, id));
    return r[0] ?? null;
  },

  async ownedFacts(exec: Exec, uploaderId: number, ids: string[]) {
    if (ids.length === 0) return [];
    return exec
      .select({ id: attachments.id, mime: attachments.mime, size: attachments.size })
      .from(attachments)
      .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId)));
  },
};
