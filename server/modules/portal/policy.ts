// Who decides household link requests: the community workers of the household's community, nobody above or beside them.
import type { PolicyTable } from '../../platform/policy';

export const portalPolicy: PolicyTable<'decide_link'> = {
  decide_link: {
    community_worker: { reach: 'subtree' },
  },
};
