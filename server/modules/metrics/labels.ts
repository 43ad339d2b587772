// Chinese names of case enums for server-rendered output (the ledger workbook, breakdown row names).
import type { CaseStatus, Channel, Rating } from '../../../contracts/cases';

export const CHANNEL_NAMES: Record<Channel, string> = {
  patrol: '网格巡查',
  resident: '居民上报',
  hotline: '12345热线',
  sensor: '物联感知',
  transfer: '部门转办',
  assigned: '上级交办',
};

export const STATUS_NAMES: Record<CaseStatus, string> = {
  reported: '待受理',
  registered: '待派遣',
  dispatched: '待接收',
  handling: '处置中',
  replied: '待核查',
  closed: '已结案',
  shelved: '已挂账',
  voided: '已作废',
};

export const RATING_NAMES: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** The Chinese name of an enum value, or the raw value when it is unknown (a status added later still exports). */
export const nameOf = <K extends string>(names: Record<K, string>, value: string | null): string =>
  value == null ? '' : ((names as Record<string, string>)[value] ?? value);
