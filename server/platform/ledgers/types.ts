// What a module declares to get a ledger (台账): its title, sheets and columns (which are personal data and how they are
// masked), where it downloads, what it asks for, and who may produce it (the declaring module's policy).
import type ExcelJS from 'exceljs';
import type { LedgerNodeParam, LedgerPeriodParam, LedgerPersonalKind } from '../../../contracts/ledgers';
import type { Actor, Scoped } from '../policy';
import type { Kind as RedactKind } from '../redact';

export type Cell = string | number | Date | null;

export type LedgerColumn<R> = {
  header: string;
  width?: number;
  /** A Date cell shown as 'yyyy-mm-dd hh:mm'. */
  time?: boolean;
  /**
   * Personal data in this column, and how it leaves: 'name' as it is (a staff document), 'phone' 138****0000,
   * 'id_number' first and last four kept, 'text' free text with the phones, ID and card numbers typed into it masked.
   */
  personal?: LedgerPersonalKind;
  /** For 'text': kinds of number left in clear (a reply to the 12345 centre keeps contact phones). */
  keep?: readonly RedactKind[];
  value(row: R): Cell;
};

export type LedgerSheet<R> = {
  name: string;
  columns: readonly LedgerColumn<R>[];
  /** A title row above the column headers: "<unit> <ledger title> <period>" (the diary ledger's layout). */
  titleRow?: boolean;
  /** The audit entry's key for this sheet's row count; 'rows' unless given. */
  countAs?: string;
};

export type LedgerDeclaration = {
  /** Stable name, unique among ledgers. */
  id: string;
  /** The declaring module (its folder name). */
  module: string;
  /** Printed on the workbook and in its header block. */
  title: string;
  /** The module's download route, which calls the writer. */
  path: string;
  node: LedgerNodeParam | null;
  period: LedgerPeriodParam | null;
  // Sheets of different row types side by side: method syntax in LedgerColumn keeps them assignable.
  sheets: readonly LedgerSheet<never>[];
  audit: { action: string; entityKind: string };
  /** The declaring module's policy: whether the actor may produce this ledger at all, and for `node` when given. */
  may(actor: Actor, node?: Scoped): boolean;
};

/** One production of a declared ledger: for which node and period, its rows per sheet, and what the audit adds. */
export type LedgerJob = {
  node: { id: number; name: string; path: string } | null;
  /** The unit in the header block; the node's name unless given. */
  unit?: string;
  /** The period as printed in the header block, or null for a ledger of the present state. */
  period: string | null;
  filename: string;
  /** Rows per sheet in declaration order, in batches (read lazily: a slow download slows the reading). */
  rows: readonly AsyncIterable<readonly unknown[]>[];
  audit: { entityId: string | number; after?: Record<string, unknown> };
  /** Further sheets written after the declared ones, given each declared sheet's row count. */
  extraSheets?: (book: ExcelJS.stream.xlsx.WorkbookWriter, counts: number[]) => void;
};
