// Ledgers (台账): modules declare theirs (title, sheets, columns and their masking, policy); the platform writes the
// workbook (streamed, header block, masking, audit) and lists them at GET /api/ledgers.
import type { Audit } from '../audit/service';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { createLedgerRegistry } from './registry';
import { createLedgerWriter } from './writer';

export type { Cell, LedgerColumn, LedgerDeclaration, LedgerJob, LedgerSheet } from './types';
export { attachment, INFO_SHEET, maskCell, XLSX_TYPE } from './writer';
export { ledgerRoutes } from './routes';

/** The registry and the writer together: what PlatformDeps carries as `ledgers`. */
export function createLedgers(deps: { db: Db; clock: Clock; audit: Audit }) {
  return { ...createLedgerRegistry(), ...createLedgerWriter(deps) };
}
export type Ledgers = ReturnType<typeof createLedgers>;
