// The ledgers modules declared at plugin time, and the ones an actor may produce (each module's own policy decides).
import type { LedgerInfo } from '../../../contracts/ledgers';
import type { Actor } from '../policy';
import type { LedgerDeclaration } from './types';

export function createLedgerRegistry() {
  const declared = new Map<string, LedgerDeclaration>();
  const infoOf = (d: LedgerDeclaration): LedgerInfo => ({
    id: d.id,
    module: d.module,
    title: d.title,
    path: d.path,
    node: d.node,
    period: d.period,
    personal: d.sheets.flatMap((s) =>
      s.columns.flatMap((c) => (c.personal ? [{ sheet: s.name, header: c.header, kind: c.personal }] : [])),
    ),
  });
  return {
    /** Adds a module's ledger; declaring the same id again replaces it (an app built twice on one set of services). */
    declare(d: LedgerDeclaration): LedgerDeclaration {
      if (d.sheets.length === 0) throw new Error(`ledger ${d.id} declares no sheet`);
      declared.set(d.id, d);
      return d;
    },
    /** Every declared ledger, whoever may produce it (for checks across modules, such as the audit catalogue's). */
    declared(): LedgerDeclaration[] {
      return [...declared.values()];
    },
    /** The ledgers the actor may produce somewhere, in the order they were declared. */
    list(actor: Actor): LedgerInfo[] {
      return [...declared.values()].filter((d) => d.may(actor)).map(infoOf);
    },
  };
}
export type LedgerRegistry = ReturnType<typeof createLedgerRegistry>;
