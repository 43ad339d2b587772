// A clearly fictional demo district (家园示范区, region code 990101, which GB/T 2260 does not assign):
// 3 streets, 9 communities, 40 grids with polygons, estates, buildings, households, a party tree,
// departments, partner units, property companies, and one demo account per role.
import type { NodeKind } from '../../contracts/domain';
import type { Db, Exec } from '../platform/db';
import { hashPassword } from '../platform/auth/password';
import { territoryRepo, type NodeRow } from '../modules/territory/repo';
import { partyRepo } from '../modules/party/repo';
import { organisationRepo } from '../modules/organisations/repo';
import { userRepo } from '../modules/users/repo';
import { userPhoneColumns } from '../modules/users/phone';
import type { PersonalCrypto } from '../platform/crypto';
import { seedCategories } from '../modules/cases/categories';
import { seedPersonTags } from '../modules/people/tags';
import { responsibilityRules } from '../modules/cases/tables';

export const DEMO_PASSWORD = 'jiayuan-demo';

const STREETS = [
  { name: '清河街道', communities: ['清河苑社区', '河畔社区', '桃李社区'] },
  { name: '柳岸街道', communities: ['柳岸社区', '杏林社区', '枫丹社区'] },
  { name: '新桥街道', communities: ['新桥社区', '云栖社区', '星光社区'] },
];
const DEPARTMENTS = ['城市管理局', '住房和城乡建设局', '市场监督管理局', '民政局', '生态环境局'];

type Box = [number, number, number, number]; // west, south, east, north
const rect = ([w, s, e, n]: Box) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ] as [number, number][],
  ],
});

async function node(
  exec: Exec,
  parent: NodeRow | null,
  kind: NodeKind,
  name: string,
  code: string,
  extra: Partial<NodeRow> = {},
) {
  return territoryRepo.insert(exec, { kind, name, code, parentId: parent?.id ?? null, ...extra }, parent);
}

export type DemoIds = {
  district: NodeRow;
  streets: NodeRow[];
  communities: NodeRow[];
  grids: NodeRow[];
  households: NodeRow[];
};

/** Loads the demo district; returns the main nodes so tests can aim at them. */
export async function seedDemo(db: Db, crypto: PersonalCrypto): Promise<DemoIds> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const district = await node(tx, null, 'district', '家园示范区', '990101', {
      geometry: rect([116.3, 39.9, 116.48, 40.02]),
    });
    const streets: NodeRow[] = [];
    const communities: NodeRow[] = [];
    const grids: NodeRow[] = [];
    const households: NodeRow[] = [];
    const estates: NodeRow[] = [];
    const streetCommittees: number[] = [];
    let gridNo = 0;
    for (const [si, s] of STREETS.entries()) {
      const sw = 116.3 + si * 0.06;
      const street = await node(tx, district, 'street', s.name, `990101${String(si + 1).padStart(3, '0')}`, {
        geometry: rect([sw, 39.9, sw + 0.06, 40.02]),
      });
      streets.push(street);
      const sc = await partyRepo.insert(
        tx,
        { kind: 'street_committee', name: `${s.name}党工委`, parentId: null, nodeId: street.id },
        null,
      );
      streetCommittees.push(sc);
      const scPath = (await partyRepo.byId(tx, sc))!.path;
      for (const [ci, cname] of s.communities.entries()) {
        const cs = 39.9 + ci * 0.04;
        const community = await node(
          tx,
          street,
          'community',
          cname,
          `${street.code}${String(ci + 1).padStart(3, '0')}`,
          { geometry: rect([sw, cs, sw + 0.06, cs + 0.04]) },
        );
        communities.push(community);
        const cc = await partyRepo.insert(
          tx,
          { kind: 'community_committee', name: `${cname}党委`, parentId: sc, nodeId: community.id },
          scPath,
        );
        const ccPath = (await partyRepo.byId(tx, cc))!.path;
        const gridCount = communities.length <= 4 ? 5 : 4;
        for (let gi = 0; gi < gridCount; gi++) {
          gridNo++;
          const gw = sw + (gi * 0.06) / gridCount;
          const grid = await node(
            tx,
            community,
            'grid',
            `${cname.replace('社区', '')}第${gi + 1}网格`,
            `${community.code}${String(gi + 1).padStart(3, '0')}`,
            {
              gridKind: gi === gridCount - 1 && ci === 0 ? 'dedicated' : 'general',
              geometry: rect([gw, cs, gw + 0.06 / gridCount, cs + 0.04]),
            },
          );
          grids.push(grid);
          const gb = await partyRepo.insert(
            tx,
            { kind: 'grid_branch', name: `${grid.name}党支部`, parentId: cc, nodeId: grid.id },
            ccPath,
          );
          const estate = await node(
            tx,
            grid,
            'estate',
            `${['锦绣', '和园', '翠湖', '阳光', '静安'][gi % 5]}小区${gridNo}期`,
            `${grid.code}001`,
          );
          estates.push(estate);
          for (let bi = 1; bi <= 2; bi++) {
            const building = await node(
              tx,
              estate,
              'building',
              `${bi}号楼`,
              `${estate.code}${String(bi).padStart(3, '0')}`,
            );
            if (gridNo <= 2) {
              const gbPath = (await partyRepo.byId(tx, gb))!.path;
              const group = await partyRepo.insert(
                tx,
                { kind: 'building_group', name: `${estate.name}${bi}号楼党小组`, parentId: gb, nodeId: building.id },
                gbPath,
              );
              for (let hi = 1; hi <= 4; hi++) {
                const h = await node(
                  tx,
                  building,
                  'household',
                  `${bi}单元${hi}0${hi}室`,
                  `${building.code}${String(hi).padStart(4, '0')}`,
                );
                households.push(h);
                if (hi === 1) {
                  const groupPath = (await partyRepo.byId(tx, group))!.path;
                  await partyRepo.insert(
                    tx,
                    { kind: 'member_household', name: `${h.name}党员中心户`, parentId: group, nodeId: h.id },
                    groupPath,
                  );
                }
              }
            }
          }
        }
      }
    }
    const departments = [];
    for (const d of DEPARTMENTS)
      departments.push(
        await organisationRepo.insert(tx, {
          kind: 'department',
          name: `示范区${d}`,
          nodeId: district.id,
          contactName: '值班室',
          contactPhone: '010-88880000',
        }),
      );
    const powerOffices = [];
    for (const [i, street] of streets.entries()) {
      await organisationRepo.insert(tx, {
        kind: 'partner_unit',
        name: `${street.name.replace('街道', '')}第${i + 1}中学`,
        nodeId: street.id,
      });
      powerOffices.push(
        await organisationRepo.insert(tx, {
          kind: 'partner_unit',
          name: `${street.name.replace('街道', '')}供电所`,
          nodeId: street.id,
        }),
      );
    }
    // 权责清单: which department handles which class across the district; the estate's property company handles property matters in its grid.
    const [cityMgmt, housing, market, civil, environment] = departments;
    const rules: [string, number, number][] = [
      ['E01', district.id, cityMgmt!.id],
      ['E02', district.id, cityMgmt!.id],
      ['E04', district.id, cityMgmt!.id],
      ['A01', district.id, housing!.id],
      ['A02', district.id, housing!.id],
      ['E03', district.id, housing!.id],
      ['E05', district.id, cityMgmt!.id],
      ['C03', district.id, cityMgmt!.id],
      ['C04', district.id, environment!.id],
      ['C05', district.id, civil!.id],
      ['C06', district.id, civil!.id],
      ['A03', district.id, cityMgmt!.id],
      ['A04', district.id, cityMgmt!.id],
      ['C0502', district.id, market!.id],
    ];
    await seedCategories(tx);
    await seedPersonTags(tx);
    await tx
      .insert(responsibilityRules)
      .values(rules.map(([categoryCode, nodeId, organisationId]) => ({ categoryCode, nodeId, organisationId })));
    const property1 = await organisationRepo.insert(tx, {
      kind: 'property_company',
      name: '安居物业服务有限公司',
      nodeId: estates[0]!.id,
      contactName: '王经理',
      contactPhone: '13800000001',
    });
    const property2 = await organisationRepo.insert(tx, {
      kind: 'property_company',
      name: '宜家物业管理有限公司',
      nodeId: estates[1]!.id,
    });
    await tx.insert(responsibilityRules).values([
      { categoryCode: 'C02', nodeId: grids[0]!.id, organisationId: property1.id },
      { categoryCode: 'C02', nodeId: grids[1]!.id, organisationId: property2.id },
    ]);
    await organisationRepo.insert(tx, {
      kind: 'social_organisation',
      name: '清河邻里互助会',
      nodeId: communities[0]!.id,
    });

    const accounts: [string, string, string, { nodeId?: number; organisationId?: number }][] = [
      ['admin', '区管理员 李明', 'district_admin', { nodeId: district.id }],
      ['street1', '街道干部 张华', 'street_officer', { nodeId: streets[0]!.id }],
      ['community1', '社区工作者 王芳', 'community_worker', { nodeId: communities[0]!.id }],
      ['grid1', '网格员 赵强', 'grid_worker', { nodeId: grids[0]!.id }],
      ['grid2', '网格员 孙丽', 'grid_worker', { nodeId: grids[1]!.id }],
      ['dept1', '城管局 周敏', 'department_handler', { organisationId: departments[0]!.id }],
      ['property1', '物业 吴刚', 'property_staff', { organisationId: property1.id }],
      ['volunteer1', '志愿者 郑洁', 'volunteer', { nodeId: communities[0]!.id }],
      ['resident1', '居民 陈晨', 'resident', { nodeId: households[0]!.id }],
      // The first grid's party member who mediates private matters (和事佬), and the power supply office's duty officer (驻区单位).
      ['mediator1', '调解员 刘德厚', 'mediator', { nodeId: grids[0]!.id }],
      ['power1', '供电所 何伟', 'department_handler', { organisationId: powerOffices[0]!.id }],
      // An in-service party member (在职党员) who lives in the first community and reports in there (双报到).
      ['member1', '党员 黄志刚', 'resident', { nodeId: households[1]!.id }],
      // Two more volunteers of the first community (a waitlist needs more than one volunteer).
      ['volunteer2', '志愿者 钱立新', 'volunteer', { nodeId: communities[0]!.id }],
      ['volunteer3', '志愿者 冯秀英', 'volunteer', { nodeId: communities[0]!.id }],
    ];
    for (const [i, [username, displayName, role, target]] of accounts.entries()) {
      const u = await userRepo.insert(tx, {
        username,
        displayName,
        ...userPhoneColumns(crypto, `139000000${String(i + 1).padStart(2, '0')}`),
        passwordHash,
      });
      await userRepo.replaceBindings(tx, u.id, [
        { role, nodeId: target.nodeId ?? null, organisationId: target.organisationId ?? null },
      ]);
    }
    return { district, streets, communities, grids, households };
  });
}
