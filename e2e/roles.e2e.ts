// Journey: every demo role logs in and sees its own menu and only its own part of the territory tree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, login, newPage, openHome, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const MENUS = ['territory', 'party', 'organisations', 'users', 'audit'] as const;
type Menu = (typeof MENUS)[number];

// A resident lands in the phone portal (/m); the staff pages still show them only their own household.
const ROLES: { user: string; menus: Menu[]; root: string | null; hidden: string[]; portal?: boolean }[] = [
  { user: 'admin', menus: ['territory', 'party', 'organisations', 'users', 'audit'], root: '家园示范区', hidden: [] },
  {
    user: 'street1',
    menus: ['territory', 'party', 'organisations', 'users', 'audit'],
    root: '清河街道',
    hidden: ['家园示范区', '柳岸街道'],
  },
  {
    user: 'community1',
    menus: ['territory', 'party', 'organisations', 'users'],
    root: '清河苑社区',
    hidden: ['清河街道', '河畔社区'],
  },
  {
    user: 'grid1',
    menus: ['territory', 'party', 'organisations'],
    root: '清河苑第1网格',
    hidden: ['清河苑社区', '清河苑第2网格'],
  },
  { user: 'dept1', menus: ['organisations'], root: null, hidden: [] },
  { user: 'property1', menus: ['territory', 'organisations'], root: '锦绣小区1期', hidden: ['清河苑第1网格'] },
  { user: 'volunteer1', menus: ['territory', 'organisations'], root: '清河苑社区', hidden: ['清河街道'] },
  { user: 'resident1', menus: ['territory'], root: '1单元101室', hidden: ['1号楼', '1单元202室'], portal: true },
];

describe('each role sees its own menu and part of the tree', () => {
  for (const role of ROLES) {
    it(role.user, async () => {
      const page = await newPage(h);
      try {
        if (role.portal) {
          // The login page sends a resident to the portal, which has no staff menu to wait for.
          await openHome(page, h.baseUrl);
          await page.getByTestId('login-username').fill(role.user);
          await page.getByTestId('login-password').fill(DEMO_PASSWORD);
          await page.getByTestId('login-submit').click();
          await page.waitForURL(/\/m$/);
          await page.goto(`${h.baseUrl}/territory`);
          await page.getByTestId('menu-territory').waitFor();
        } else await login(page, h.baseUrl, role.user);
        for (const m of MENUS) {
          const visible = await page.getByTestId(`menu-${m}`).isVisible();
          assert.equal(visible, role.menus.includes(m), `${role.user}: menu ${m} visible=${visible}`);
        }
        if (role.root) {
          await page.getByTestId('menu-territory').click();
          const tree = page.getByTestId('territory-tree');
          await tree.getByText(role.root, { exact: true }).first().waitFor();
          const text = await tree.innerText();
          for (const name of role.hidden)
            assert.ok(!text.includes(name), `${role.user} must not see ${name} in the tree`);
          // Asking the API directly for the district (node 1) is refused to everyone but the district.
          const status = await page.evaluate(async () => (await fetch('/api/territory/nodes/1')).status);
          assert.equal(status, role.user === 'admin' ? 200 : 404);
        } else {
          // A role without territory gets refused when it types the address.
          await page.goto(`${h.baseUrl}/territory`);
          assert.equal(await page.getByTestId('territory-tree').count(), 0);
        }
      } finally {
        await page.context().close();
      }
    });
  }
});
