// Names of audit actions and record kinds from the catalogues; an action the list does not know yet shows its code.
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS } from '../../../contracts/audit';
import type { MessageKey, Translate } from '../../app/i18n';

const known = (list: readonly string[], v: string) => list.includes(v);

export const actionLabel = (t: Translate, action: string) =>
  known(AUDIT_ACTIONS, action) ? t(`audit.act.${action}` as MessageKey) : action;
export const kindLabel = (t: Translate, kind: string) =>
  known(AUDIT_ENTITY_KINDS, kind) ? t(`audit.kind.${kind}` as MessageKey) : kind;
