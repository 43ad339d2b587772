// English messages of the service hall; typed against the Chinese ones.
import type { servicesZhCN } from './services.zh-CN';

export const servicesEn: Record<keyof typeof servicesZhCN, string> = {
  'notif.kind.service_more_needed': 'Your service application needs another material (application number)',
  'notif.kind.service_forwarded': 'A service application was forwarded to a department (application number)',
  'notif.kind.service_decided': 'A service application was decided (application number)',
  'notif.kind.service_submitted': 'A new service application awaits (application number)',
  'notif.kind.service_overdue': 'A service application passed its time limit (application number)',
};
