// The outlines of the signed-in user's own area (their top territory nodes that have a boundary), for case maps.
import { useQuery } from '@tanstack/react-query';
import { useCan } from '../../app/session';
import type { Geometry } from '../../lib/types';
import { TERRITORY_KEY, fetchNodes } from '../territory/api';

export function useOwnArea() {
  const canRead = useCan('territory.read');
  return useQuery({
    queryKey: [...TERRITORY_KEY, 'roots', 'geometry'],
    queryFn: () => fetchNodes({ limit: 20, withGeometry: true }),
    enabled: canRead,
    staleTime: 10 * 60_000,
    select: (page) => page.items.map((n) => n.geometry).filter((g): g is Geometry => g !== null),
  });
}
