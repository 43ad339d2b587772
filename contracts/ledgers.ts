// The ledgers (台账) a person may produce, as GET /api/ledgers lists them: where each downloads and what it asks for.
import { z } from 'zod';
import { NodeKind } from './domain';

/** How a ledger's personal columns leave the system: names as they are (a staff document), numbers masked. */
export const LEDGER_PERSONAL_KINDS = ['name', 'phone', 'id_number', 'text'] as const;
export const LedgerPersonalKind = z.enum(LEDGER_PERSONAL_KINDS);
export type LedgerPersonalKind = z.infer<typeof LedgerPersonalKind>;

/** The territory node a ledger is made for: the query parameter naming it, which kinds it may be, whether it must be given. */
export const LedgerNodeParam = z.object({
  param: z.string(),
  kinds: z.array(NodeKind).nullable(),
  required: z.boolean(),
});
export type LedgerNodeParam = z.infer<typeof LedgerNodeParam>;

/** The period a ledger covers: a [from, to) day range or one month, with the query parameters naming it. */
export const LedgerPeriodParam = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('month'), param: z.string() }),
]);
export type LedgerPeriodParam = z.infer<typeof LedgerPeriodParam>;

export const LedgerInfo = z.object({
  id: z.string().describe('stable name, e.g. "cases"'),
  module: z.string().describe('the module that declares it'),
  title: z.string().describe('the title printed on the workbook (Chinese)'),
  path: z.string().describe('GET this path (with the node and period parameters) for the .xlsx'),
  node: LedgerNodeParam.nullable(),
  period: LedgerPeriodParam.nullable(),
  personal: z
    .array(z.object({ sheet: z.string(), header: z.string(), kind: LedgerPersonalKind }))
    .describe('the columns that carry personal data and how each is masked'),
});
export type LedgerInfo = z.infer<typeof LedgerInfo>;

export const LedgerList = z.object({ ledgers: z.array(LedgerInfo) });
export type LedgerList = z.infer<typeof LedgerList>;
