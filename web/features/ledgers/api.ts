// Data hooks of the ledgers page: the list the server declares for this person, and one ledger's download.
import { useQuery } from '@tanstack/react-query';
import type { LedgerList } from '../../../contracts/ledgers';
import { api, download, saveBlob, type Query } from '../../lib/api';

export const LEDGERS_KEY = ['ledgers'] as const;

export function useLedgers() {
  return useQuery({ queryKey: LEDGERS_KEY, queryFn: () => api.get<LedgerList>('/api/ledgers') });
}

/** Downloads a ledger from the path the server gave, with its node and period parameters, and saves it as a file. */
export const downloadLedger = async (path: string, query: Query) => saveBlob(await download(path, query));
