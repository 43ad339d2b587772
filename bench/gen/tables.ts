// The tables the generator fills and the columns it writes, in the order every row lists them; the rest take their defaults.
import type { Table } from './sink';

const t = (name: string, columns: string[]): Table => ({ name, columns });

export const T = {
  nodes: t('territory_nodes', ['id', 'kind', 'code', 'name', 'parent_id', 'path', 'depth', 'grid_kind', 'geometry', 'min_lng', 'min_lat', 'max_lng', 'max_lat']),
  party: t('party_orgs', ['id', 'kind', 'name', 'parent_id', 'path', 'node_id']),
  orgs: t('organisations', ['id', 'kind', 'name', 'node_id', 'contact_name', 'contact_phone']),
  users: t('users', ['id', 'username', 'display_name', 'password_hash']),
  bindings: t('role_bindings', ['id', 'user_id', 'role', 'node_id', 'organisation_id']),
  rules: t('responsibility_rules', ['id', 'category_code', 'node_id', 'organisation_id']),
  cases: t('cases', [
    'id', 'number', 'channel', 'category_code', 'description', 'lat', 'lng', 'address', 'grid_id', 'node_path', 'status', 'triage',
    'assignee_organisation_id', 'assignee_node_id', 'suggested_organisation_id', 'reporter_user_id', 'reporter_name', 'reporter_phone_cipher', 'reporter_phone_hash', 'reporter_phone_tail',
    'anonymous', 'self_handled', 'external_ref', 'version', 'stage_started_at', 'due_at', 'overdue_since', 'escalation_level',
    'extension_count', 'return_count', 'rework_count', 'urge_count', 'rating', 'rating_comment', 'review_pending',
    'registered_at', 'dispatched_at', 'closed_at', 'closed_on_time', 'shelved_until', 'created_at', 'updated_at',
  ]),
  events: t('case_events', ['id', 'case_id', 'at', 'actor_id', 'actor_name', 'action', 'from_status', 'to_status', 'note', 'data']),
  participants: t('case_participants', ['case_id', 'organisation_id', 'role', 'reported_in_at']),
};

/** Tables whose serial ids the generator sets itself; their sequences are moved past the highest id afterwards. */
export const SERIAL_TABLES = ['territory_nodes', 'party_orgs', 'organisations', 'users', 'role_bindings', 'responsibility_rules', 'cases', 'case_events'];

/** The big tables whose secondary indexes and foreign keys are dropped during a server load and rebuilt after. */
export const BULK_TABLES = ['territory_nodes', 'cases', 'case_events', 'case_participants'];
