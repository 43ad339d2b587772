// Which records lie outside a role's scope (read conservatively from the policy tables) and the requests aimed at them.
export type Target = {
  id: number;
  path: string;
  kind?: string;
  userId?: number | null;
  version?: number;
  orgIds?: number[];
  name?: string;
  paths?: (string | null)[];
};
export type World = {
  nodes: Target[];
  cases: Target[];
  residents: Target[];
  users: Target[];
  organisations: Target[];
  party: Target[];
  /** A null path: a binding to no node (a resident who signed up, before a community confirms their household). */
  bindings: { username: string; id: number; role: string; path: string | null; organisationId: number | null }[];
};
export type Probe = {
  method: string;
  url: string;
  body?: unknown;
  target: string;
  why: string;
  allowEmpty?: (body: unknown) => boolean;
};

/**
 * Out of scope means disjoint: neither under the role's node nor above it. Ancestors are left out on purpose
 * (a community sees the district's departments, a node's page shows its ancestors), so the probe never calls a
 * legitimate read a breach.
 */
const disjoint = (own: string, path: string) => !path.startsWith(own) && !own.startsWith(path);
/** The community a binding sits in (residents and volunteers act within it). */
const communityOf = (path: string) => path.split('/').slice(0, 4).join('/') + '/';

export function probesFor(username: string, w: World): Probe[] {
  const b = w.bindings.find((x) => x.username === username)!;
  const me = b.id;
  const orgBound = b.organisationId != null;
  // Residents and volunteers: anything outside their community; territorial roles: outside their node; a binding to
  // no node reaches nothing at all.
  const reach = b.path == null ? null : b.role === 'resident' || b.role === 'volunteer' ? communityOf(b.path) : b.path;
  const out = (path: string) => reach == null || disjoint(reach, path);
  const probes: Probe[] = [];
  const add = (target: string, why: string, list: Omit<Probe, 'target' | 'why'>[]) =>
    probes.push(...list.map((p) => ({ ...p, target, why })));
  const nameNew = `越权${username}`;

  // Territory: every role with a node binding; organisation-bound roles read no territory at all (disjoint from their seat).
  for (const n of w.nodes.filter((n) => out(n.path))) {
    add(`node:${n.id}`, `node ${n.path} outside ${reach}`, [
      { method: 'GET', url: `/api/territory/nodes/${n.id}` },
      { method: 'PATCH', url: `/api/territory/nodes/${n.id}`, body: { name: nameNew } },
      { method: 'POST', url: `/api/territory/nodes/${n.id}/retire` },
      { method: 'DELETE', url: `/api/territory/nodes/${n.id}` },
      { method: 'POST', url: '/api/territory/nodes', body: { parentId: n.id, kind: 'building', name: nameNew } },
      { method: 'GET', url: `/api/territory/nodes?parentId=${n.id}`, allowEmpty: noItems },
    ]);
    if (n.kind === 'household')
      add(`household:${n.id}`, `household ${n.path} outside ${reach}`, [
        { method: 'GET', url: `/api/people/households/${n.id}` },
        { method: 'PUT', url: `/api/people/households/${n.id}/housing`, body: { use: 'rented' } },
        {
          method: 'POST',
          url: '/api/people/residents',
          body: { name: nameNew, idNumber: '99010119700101001X', residenceType: 'registered', householdNodeId: n.id },
        },
        { method: 'GET', url: `/api/people/residents?householdNodeId=${n.id}`, allowEmpty: noItems },
      ]);
  }
  if (reach == null) {
    // Bound to no node: even the roots of the tree and a boundary import answer nothing.
    const community = w.nodes.find((n) => n.kind === 'community')!;
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [116.3, 39.9],
          [116.31, 39.9],
          [116.31, 39.91],
          [116.3, 39.9],
        ],
      ],
    };
    add('territory:roots', 'the territory tree from a binding to no node', [
      { method: 'GET', url: '/api/territory/nodes', allowEmpty: noItems },
      { method: 'GET', url: '/api/territory/nodes?kind=grid', allowEmpty: noItems },
      { method: 'GET', url: '/api/territory/nodes?kind=household', allowEmpty: noItems },
      {
        method: 'POST',
        url: '/api/territory/grids/import',
        body: {
          communityId: community.id,
          dryRun: true,
          featureCollection: {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { name: nameNew }, geometry: polygon }],
          },
        },
      },
    ]);
  }

  // Reporting a problem: residents may report anywhere in their own district (intake.ts), or in the home district
  // (the oldest one) before they are bound to a node; everyone else within reach.
  const home = w.nodes.filter((n) => n.kind === 'district').sort((x, y) => x.id - y.id)[0]!.path;
  const reportReach = b.role === 'resident' ? (b.path ? b.path.split('/').slice(0, 2).join('/') + '/' : home) : reach!;
  for (const n of w.nodes.filter((n) => n.kind === 'grid' && disjoint(reportReach, n.path))) {
    add(`grid:${n.id}`, `grid ${n.path} outside ${reportReach}`, [
      { method: 'POST', url: '/api/cases', body: { categoryCode: 'C0101', gridId: n.id, description: nameNew } },
    ]);
  }

  // Cases: organisation-bound roles see only cases their organisation takes part in; others by path.
  for (const c of w.cases.filter((c) =>
    orgBound ? !(c.orgIds ?? []).includes(b.organisationId!) : out(c.path) && c.userId !== me,
  )) {
    add(
      `case:${c.id}`,
      orgBound ? `case without organisation ${b.organisationId}` : `case ${c.path} outside ${reach}`,
      [
        { method: 'GET', url: `/api/cases/${c.id}` },
        { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` },
        {
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          body: { action: 'comment', version: c.version, note: nameNew },
        },
        {
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          body: { action: 'urge', version: c.version, note: nameNew },
        },
        {
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          body: { action: 'void', version: c.version, reason: nameNew },
        },
        { method: 'POST', url: `/api/cases/${c.id}/actions`, body: { action: 'register', version: c.version } },
      ],
    );
  }

  // Residents: only territorial roles hold people grants; a resident sees only themselves.
  const peopleRoles = ['district_admin', 'street_officer', 'community_worker', 'grid_worker'];
  for (const r of w.residents.filter((r) =>
    peopleRoles.includes(b.role) ? out(r.path) : r.userId !== me && (orgBound || out(r.path)),
  )) {
    add(`resident:${r.id}`, `resident ${r.path} outside ${b.role} scope`, [
      { method: 'GET', url: `/api/people/residents/${r.id}` },
      { method: 'GET', url: `/api/people/residents/${r.id}/visits` },
      { method: 'PATCH', url: `/api/people/residents/${r.id}`, body: { name: nameNew } },
      { method: 'POST', url: `/api/people/residents/${r.id}/reveal`, body: { field: 'phone' } },
      {
        method: 'POST',
        url: `/api/people/residents/${r.id}/move-out`,
        body: { movedOutOn: '2026-03-02', destination: nameNew },
      },
    ]);
  }

  // Users: read by admin, street and community workers within their subtree; nobody else reads other accounts.
  const userReaders = ['district_admin', 'street_officer', 'community_worker'];
  for (const u of w.users.filter(
    (u) => u.id !== me && (!userReaders.includes(b.role) || (u.paths ?? []).every((p) => p == null || out(p))),
  )) {
    add(`user:${u.id}`, `user ${u.name} outside ${b.role} scope`, [
      { method: 'GET', url: `/api/users/${u.id}` },
      { method: 'PATCH', url: `/api/users/${u.id}`, body: { displayName: nameNew } },
      { method: 'PATCH', url: `/api/users/${u.id}`, body: { disabled: true } },
      { method: 'PATCH', url: `/api/users/${u.id}`, body: { resetPassword: 'owned-by-the-probe-123' } },
    ]);
  }

  // Organisations: territorial roles see their subtree and the seats above them; bound staff only their own.
  const orgReaders = ['district_admin', 'street_officer', 'community_worker', 'grid_worker', 'volunteer'];
  for (const o of w.organisations.filter((o) =>
    orgReaders.includes(b.role) ? out(o.path) : o.id !== b.organisationId,
  )) {
    add(`org:${o.id}`, `organisation at ${o.path} outside ${b.role} scope`, [
      { method: 'GET', url: `/api/organisations/${o.id}` },
      { method: 'PATCH', url: `/api/organisations/${o.id}`, body: { name: nameNew } },
      { method: 'PATCH', url: `/api/organisations/${o.id}`, body: { retired: true } },
    ]);
  }

  // Party organisations: territorial roles by the node they are attached to; nobody else.
  const partyReaders = ['district_admin', 'street_officer', 'community_worker', 'grid_worker'];
  for (const p of w.party.filter((p) => !partyReaders.includes(b.role) || out(p.path))) {
    add(`party:${p.id}`, `party organisation at ${p.path} outside ${b.role} scope`, [
      { method: 'GET', url: `/api/party/orgs/${p.id}` },
      { method: 'PATCH', url: `/api/party/orgs/${p.id}`, body: { name: nameNew } },
    ]);
  }
  return probes;
}

/** A list answered 200 is no breach when it lists nothing. */
function noItems(body: unknown): boolean {
  const items = (body as { items?: unknown[] })?.items;
  return Array.isArray(items) && items.length === 0;
}
