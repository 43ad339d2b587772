// The coarse permissions of an actor (any grant anywhere), from each module's policy table; the web builds menus from them.
import type { Permission } from '../../../contracts/auth';
import { canAnywhere, type Actor, type PolicyTable } from '../../platform/policy';
import { auditPolicy } from '../audit/policy';
import { organisationPolicy } from '../organisations/policy';
import { partyPolicy } from '../party/policy';
import { territoryPolicy } from '../territory/policy';
import { userPolicy } from '../users/policy';

const SOURCES: [Permission, PolicyTable<'read' | 'write'> | PolicyTable<'read'>, 'read' | 'write'][] = [
  ['territory.read', territoryPolicy, 'read'],
  ['territory.write', territoryPolicy, 'write'],
  ['party.read', partyPolicy, 'read'],
  ['party.write', partyPolicy, 'write'],
  ['organisations.read', organisationPolicy, 'read'],
  ['organisations.write', organisationPolicy, 'write'],
  ['users.read', userPolicy, 'read'],
  ['users.write', userPolicy, 'write'],
  ['audit.read', auditPolicy, 'read'],
];

export function permissionsOf(actor: Actor): Permission[] {
  return SOURCES.filter(([, table, action]) => canAnywhere(actor, table as PolicyTable<typeof action>, action)).map(([p]) => p);
}
