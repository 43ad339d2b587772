// Status and source labels of co-building, as message keys.
import type { ProjectStatus } from '../../../contracts/cobuild';

export const projectStatusKey = (s: ProjectStatus) => `cob.p.${s}` as const;
export const needStatusKey = (s: 'open' | 'matched' | 'withdrawn') => `cob.need.${s}` as const;
export const sourceKey = (s: 'portal' | 'worker' | 'case') => `cob.source.${s}` as const;
export const cnDateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
