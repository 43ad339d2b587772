// Tag colours of territory node kinds, so a kind looks the same everywhere.
import type { NodeKind } from '../../../contracts/domain';

export const KIND_COLOR: Record<NodeKind, string> = {
  district: 'red',
  street: 'volcano',
  community: 'orange',
  grid: 'green',
  estate: 'cyan',
  building: 'blue',
  household: 'purple',
};
