// English messages of the ledgers page.
import type { ledgersZhCN } from './ledgers.zh-CN';

export const ledgersEn: Record<keyof typeof ledgersZhCN, string> = {
  'menu.ledgers': 'Ledgers',
  'ledgers.title': 'Ledgers',
  'ledgers.subtitle': 'Generate a ledger for an area and period; personal data is masked and every export is audited',
  'ledgers.empty': 'Your role has no ledger to export',
  'ledgers.node': 'Area',
  'ledgers.nodeAll': 'All I can see',
  'ledgers.grid': 'Grid',
  'ledgers.gridPick': 'Choose a grid',
  'ledgers.gridRequired': 'Choose a grid first',
  'ledgers.range': 'Period',
  'ledgers.month': 'Month',
  'ledgers.noParams': 'Exports every record you can see',
  'ledgers.personal': 'Masked columns: {columns}',
  'ledgers.download': 'Download Excel',
  'ledgers.downloaded': 'Ledger downloaded',
  'ledgers.kind.name': 'as is',
  'ledgers.kind.phone': 'phone masked',
  'ledgers.kind.id_number': 'ID number masked',
  'ledgers.kind.text': 'numbers in text masked',
  'ledgers.name.cases': 'Case ledger',
  'ledgers.name.residents': 'Resident list',
  'ledgers.name.diary': 'Field diary ledger',
  'ledgers.name.hotline-replies': '12345 replies',
};
