// English messages of the Open311 API keys page; typed against the Chinese ones so a missing key fails the type check.
import type { open311ZhCN } from './open311.zh-CN';

export const open311En: Record<keyof typeof open311ZhCN, string> = {
  'menu.open311': 'Open311 API keys',
  'open311.title': 'Open311 API keys',
  'open311.subtitle':
    'Outside systems (civic-issue apps) submit and track requests through the Open311 GeoReport v2 API',
  'open311.endpointHint': 'Endpoint:',
  'open311.create': 'Issue a key',
  'open311.name': 'Client name',
  'open311.nameHint': 'The app or system that will use the key, so you can tell keys apart later',
  'open311.prefix': 'Key prefix',
  'open311.createdBy': 'Issued by',
  'open311.createdAt': 'Issued at',
  'open311.lastUsedAt': 'Last used',
  'open311.neverUsed': 'Never',
  'open311.status': 'Status',
  'open311.active': 'Active',
  'open311.revokedAt': 'Revoked',
  'open311.revoke': 'Revoke',
  'open311.revokeConfirm': 'Revoke this key?',
  'open311.revokeHint': 'Systems using it can no longer submit requests. This cannot be undone.',
  'open311.empty': 'No keys issued yet',
  'open311.createdTitle': 'Key issued',
  'open311.showOnce': 'Copy it now and hand it to the client: it will not be shown again once this window closes.',
  'open311.copy': 'Copy key',
  'open311.copied': 'Copied',
  'open311.done': 'I have saved it',
};
