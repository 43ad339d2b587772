// The coarse permissions of an actor (any grant anywhere), from each module's policy table; the web builds menus from them.
import type { Permission } from '../../../contracts/auth';
import { canAnywhere, type Actor, type PolicyTable } from '../../platform/policy';
import { auditPolicy } from '../audit';
import { casePolicy } from '../cases';
import { organisationPolicy } from '../organisations';
import { partyPolicy } from '../party';
import { peoplePolicy } from '../people';
import { territoryPolicy } from '../territory';
import { userPolicy } from '../users';

const SOURCES: [Permission, PolicyTable<string>, string][] = [
  ['territory.read', territoryPolicy, 'read'],
  ['territory.write', territoryPolicy, 'write'],
  ['party.read', partyPolicy, 'read'],
  ['party.write', partyPolicy, 'write'],
  ['organisations.read', organisationPolicy, 'read'],
  ['organisations.write', organisationPolicy, 'write'],
  ['users.read', userPolicy, 'read'],
  ['users.write', userPolicy, 'write'],
  ['audit.read', auditPolicy, 'read'],
  ['cases.read', casePolicy, 'read'],
  ['cases.report', casePolicy, 'report'],
  ['cases.dispatch', casePolicy, 'dispatch'],
  ['cases.supervise', casePolicy, 'supervise'],
  ['people.read', peoplePolicy, 'browse'],
  ['people.write', peoplePolicy, 'write'],
  ['people.reveal', peoplePolicy, 'reveal'],
  ['people.export', peoplePolicy, 'export'],
];

export function permissionsOf(actor: Actor): Permission[] {
  const perms = SOURCES.filter(([, table, action]) => canAnywhere(actor, table, action)).map(([p]) => p);
  // Residents report through their own household, outside the territorial report grant.
  if (actor.bindings.some((b) => b.role === 'resident') && !perms.includes('cases.report')) perms.push('cases.report');
  return perms;
}
