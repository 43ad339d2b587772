// The synthetic district: territory tree with grid polygons and households, party tree, organisations, accounts, responsibility list.
import type { Rng } from '../../server/seed/rng';
import type { Cell, Sink } from './sink';
import { T } from './tables';
import { SURNAMES } from '../../server/seed/fictional';
import { COMMUNITY_WORDS, DEPARTMENTS, ESTATE_WORDS, GIVEN, STREET_NAMES } from './words';

export const REGION = '990201';
export type Size = {
  streets: number;
  communities: [number, number];
  grids: [number, number];
  households: [number, number];
};
export type Person = { id: number; name: string };
export type Grid = {
  id: number;
  code: string;
  path: string;
  box: [number, number, number, number];
  /** Places in the grid that reports name. */
  places: string[];
  worker: Person;
  community: { id: number; worker: Person; property: { id: number; staff: Person } };
  street: { officer: Person };
};
export type Department = { id: number; name: string; handler: Person; codes: string[] };
export type City = {
  districtId: number;
  grids: Grid[];
  departments: Department[];
  admin: Person;
  households: number;
  nodes: number;
  users: number;
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const polygon = ([w, s, e, n]: Grid['box']) =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });

/** Builds the city and writes it to the sink; returns what the case generator needs to know about it. */
export async function buildCity(sink: Sink, rng: Rng, size: Size, passwordHash: string): Promise<City> {
  const ids = { node: 0, party: 0, org: 0, user: 0, binding: 0, rule: 0 };
  const nodes: Cell[][] = [];
  const party: Cell[][] = [];
  const orgs: Cell[][] = [];
  const users: Cell[][] = [];
  const bindings: Cell[][] = [];
  const rules: Cell[][] = [];
  const personName = () => rng.pick(SURNAMES) + rng.pick(GIVEN);
  let nodeCount = 0;
  let householdCount = 0;

  const node = (
    kind: string,
    code: string,
    name: string,
    parent: { id: number; path: string; depth: number } | null,
    box?: Grid['box'],
    gridKind: string | null = null,
  ) => {
    const id = ++ids.node;
    const path = `${parent ? parent.path : '/'}${id}/`;
    const depth = parent ? parent.depth + 1 : 0;
    const b = box?.map(r6) as Grid['box'] | undefined;
    nodes.push([
      id,
      kind,
      code,
      name,
      parent?.id ?? null,
      path,
      depth,
      gridKind,
      b ? polygon(b) : null,
      b?.[0] ?? null,
      b?.[1] ?? null,
      b?.[2] ?? null,
      b?.[3] ?? null,
    ]);
    nodeCount++;
    return { id, path, depth, code, name };
  };
  const partyOrg = (kind: string, name: string, parent: { id: number; path: string } | null, nodeId: number) => {
    const id = ++ids.party;
    const path = `${parent ? parent.path : '/'}${id}/`;
    party.push([id, kind, name, parent?.id ?? null, path, nodeId]);
    return { id, path };
  };
  const org = (kind: string, name: string, nodeId: number, contact: string | null = null) => {
    const id = ++ids.org;
    orgs.push([id, kind, name, nodeId, contact, contact ? `010-${pad(rng.int(0, 99_999_999), 8)}` : null]);
    return id;
  };
  const user = (
    username: string,
    title: string,
    role: string,
    target: { nodeId?: number; organisationId?: number },
  ): Person => {
    const id = ++ids.user;
    const name = `${title} ${personName()}`;
    users.push([id, username, name, passwordHash]);
    bindings.push([++ids.binding, id, role, target.nodeId ?? null, target.organisationId ?? null]);
    return { id, name };
  };
  const flush = async () => {
    await sink.write(T.nodes, nodes.splice(0));
    await sink.write(T.party, party.splice(0));
  };

  const streets = size.streets;
  const [lng0, lat0, streetW, height] = [117.1, 39.05, 0.05, 0.4];
  const district = node('district', REGION, '家园新城区', null, [lng0, lat0, lng0 + streets * streetW, lat0 + height]);
  const admin = user('admin', '区管理员', 'district_admin', { nodeId: district.id });
  const departments: Department[] = DEPARTMENTS.map(([name, codes], i) => {
    const id = org('department', `新城区${name}`, district.id, '值班室');
    return {
      id,
      name,
      codes,
      handler: user(`dept${i + 1}`, name.replace(/局$|委员会$/, ''), 'department_handler', { organisationId: id }),
    };
  });
  for (const d of departments) for (const code of d.codes) rules.push([++ids.rule, code, district.id, d.id]);

  const grids: Grid[] = [];
  let communityNo = 0;
  for (let si = 0; si < streets; si++) {
    const sw = lng0 + si * streetW;
    const sName = `${STREET_NAMES[si % STREET_NAMES.length]}${si >= STREET_NAMES.length ? si + 1 : ''}街道`;
    const street = node('street', `${REGION}${pad(si + 1, 3)}`, sName, district, [
      sw,
      lat0,
      sw + streetW,
      lat0 + height,
    ]);
    const officer = user(`street${si + 1}`, '街道干部', 'street_officer', { nodeId: street.id });
    const committee = partyOrg('street_committee', `${sName}党工委`, null, street.id);
    org('partner_unit', `${sName.replace('街道', '')}供电所`, street.id);
    org('social_organisation', `${sName.replace('街道', '')}邻里互助会`, street.id);
    const nc = rng.int(...size.communities);
    for (let ci = 0; ci < nc; ci++) {
      communityNo++;
      const ch = height / nc;
      const cs = lat0 + ci * ch;
      const cName = `${rng.pick(COMMUNITY_WORDS)}${ci + 1}社区`;
      const community = node('community', `${street.code}${pad(ci + 1, 3)}`, cName, street, [
        sw,
        cs,
        sw + streetW,
        cs + ch,
      ]);
      const cWorker = user(`community${communityNo}`, '社区工作者', 'community_worker', { nodeId: community.id });
      const cc = partyOrg('community_committee', `${cName}党委`, committee, community.id);
      const propertyId = org(
        'property_company',
        `${cName.replace(/\d*社区$/, '')}物业服务有限公司${communityNo}`,
        community.id,
        '客服中心',
      );
      const staff = user(`property${communityNo}`, '物业', 'property_staff', { organisationId: propertyId });
      rules.push([++ids.rule, 'C02', community.id, propertyId]);
      const ng = rng.int(...size.grids);
      const cols = Math.ceil(Math.sqrt(ng));
      const rowsN = Math.ceil(ng / cols);
      for (let gi = 0; gi < ng; gi++) {
        const row = Math.floor(gi / cols);
        const inRow = row === rowsN - 1 ? ng - row * cols : cols;
        const col = gi - row * cols;
        const gw = streetW / inRow;
        const gh = ch / rowsN;
        const box: Grid['box'] = [sw + col * gw, cs + row * gh, sw + (col + 1) * gw, cs + (row + 1) * gh];
        const gName = `${cName.replace(/社区$/, '')}第${gi + 1}网格`;
        const grid = node(
          'grid',
          `${community.code}${pad(gi + 1, 3)}`,
          gName,
          community,
          box,
          gi === ng - 1 && ci === 0 ? 'dedicated' : 'general',
        );
        const worker = user(`grid${grids.length + 1}`, '网格员', 'grid_worker', { nodeId: grid.id });
        partyOrg('grid_branch', `${gName}党支部`, cc, grid.id);
        const places: string[] = [];
        let left = rng.int(...size.households);
        const estates = rng.int(1, 3);
        for (let ei = 1; ei <= estates; ei++) {
          const eName = `${rng.pick(ESTATE_WORDS)}${communityNo}-${gi + 1}${ei > 1 ? `期${ei}` : ''}`;
          const estate = node('estate', `${grid.code}${pad(ei, 3)}`, eName, grid);
          let share = ei === estates ? left : Math.floor(left / (estates - ei + 1));
          left -= share;
          for (let bi = 1; share > 0; bi++) {
            const building = node('building', `${estate.code}${pad(bi, 3)}`, `${bi}号楼`, estate);
            places.push(`${eName}${bi}号楼`);
            const [units, floors, rooms] = [rng.int(1, 3), rng.int(6, 18), rng.int(2, 4)];
            const here = Math.min(share, units * floors * rooms);
            for (let h = 0; h < here; h++) {
              const unit = 1 + Math.floor(h / (floors * rooms));
              const floor = 1 + Math.floor((h % (floors * rooms)) / rooms);
              node(
                'household',
                `${building.code}${pad(h + 1, 4)}`,
                `${unit}单元${floor}${pad((h % rooms) + 1, 2)}室`,
                building,
              );
            }
            householdCount += here;
            share -= here;
          }
        }
        grids.push({
          id: grid.id,
          code: grid.code,
          path: grid.path,
          box,
          places,
          worker,
          community: { id: community.id, worker: cWorker, property: { id: propertyId, staff } },
          street: { officer },
        });
        if (nodes.length > 20_000) await flush();
      }
    }
  }
  await flush();
  await sink.write(T.orgs, orgs);
  await sink.write(T.users, users);
  await sink.write(T.bindings, bindings);
  await sink.write(T.rules, rules);
  return {
    districtId: district.id,
    grids,
    departments,
    admin,
    households: householdCount,
    nodes: nodeCount,
    users: ids.user,
  };
}
