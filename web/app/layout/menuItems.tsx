// The side-menu entries, filtered by the signed-in user's permissions.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  ProfileOutlined,
  GiftOutlined,
  ApiOutlined,
  HeartOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../contracts/auth';
import type { Me } from '../../lib/types';
import type { MessageKey } from '../i18n';
import { TID } from '../testids';
import { canSeePeople } from '../../features/people/access';
import { canManageOpen311Keys } from '../../features/open311/access';
import { canDecideLinks } from '../../features/portal/access';
import { canSeeHotline } from '../../features/hotline/access';
import { isDistrictAdmin } from '../../features/admin/access';
import { canSeeServices } from '../../features/services/access';
import { canSeeWishDesk, isVolunteer } from '../../features/wishes/access';
import { canSeeSupervision } from '../../features/supervision/access';

type Viewer = Pick<Me, 'permissions' | 'bindings'>;
type Entry = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  testId: string;
  permission?: Permission;
  visible?: (me: Viewer) => boolean;
};

/** Staff and partner units' handlers book and manage rooms here; residents book in the portal. */
function isStaff(me: Viewer): boolean {
  return me.bindings.some((b) => b.role !== 'resident');
}

/** Who defines spaces and approves their bookings: the area's staff and the handlers of partner units lending halls. */
function managesRooms(me: Viewer): boolean {
  return me.bindings.some((b) =>
    ['district_admin', 'street_officer', 'community_worker', 'department_handler'].includes(b.role),
  );
}

/** Who sees the metrics: dispatchers, supervisors and department handlers (their own organisation's figures). */
export function canSeeMetrics(me: Viewer): boolean {
  return (
    me.permissions.includes('cases.dispatch') ||
    me.permissions.includes('cases.supervise') ||
    me.bindings.some((b) => b.role === 'department_handler')
  );
}

/** Who sees the ledgers page (台账): staff who read metrics, residents or hotline orders; the server's list (GET /api/ledgers) then says which ledgers each may produce. */
export function canSeeLedgers(me: Viewer): boolean {
  return canSeeMetrics(me) || canSeePeople(me) || canSeeHotline(me);
}

const ENTRIES: Entry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, testId: TID.menuHome },
  {
    path: '/cases',
    label: 'menu.cases',
    icon: <FileSearchOutlined />,
    testId: TID.menuCases,
    permission: 'cases.read',
  },
  {
    path: '/cases/new',
    label: 'menu.report',
    icon: <FormOutlined />,
    testId: TID.menuReport,
    permission: 'cases.report',
  },
  {
    path: '/services',
    label: 'menu.services',
    icon: <ProfileOutlined />,
    testId: 'menu-services',
    visible: canSeeServices,
  },
  { path: '/wishes', label: 'menu.wishes', icon: <GiftOutlined />, testId: 'menu-wishes', visible: canSeeWishDesk },
  // Volunteers claim from the wish wall on their phone pages.
  { path: '/m/wishes', label: 'wish.wall', icon: <GiftOutlined />, testId: 'menu-wish-wall', visible: isVolunteer },
  {
    path: '/metrics',
    label: 'menu.metrics',
    icon: <BarChartOutlined />,
    testId: TID.menuMetrics,
    visible: canSeeMetrics,
  },
  {
    path: '/ledgers',
    label: 'menu.ledgers',
    icon: <BookOutlined />,
    testId: TID.menuLedgers,
    visible: canSeeLedgers,
  },
  { path: '/people', label: 'menu.people', icon: <IdcardOutlined />, testId: TID.menuPeople, visible: canSeePeople },
  { path: '/hotline', label: 'menu.hotline', icon: <PhoneOutlined />, testId: TID.menuHotline, visible: canSeeHotline },
  {
    path: '/resident-links',
    label: 'menu.residentLinks',
    icon: <HomeOutlined />,
    testId: 'menu-resident-links',
    visible: canDecideLinks,
  },
  {
    path: '/territory',
    label: 'menu.territory',
    icon: <ApartmentOutlined />,
    testId: TID.menuTerritory,
    permission: 'territory.read',
  },
  {
    path: '/volunteers',
    label: 'menu.volunteers',
    icon: <TeamOutlined />,
    testId: 'menu-volunteers',
    visible: (me) => me.bindings.some((b) => ['district_admin', 'street_officer', 'community_worker'].includes(b.role)),
  },
  {
    path: '/m/volunteer',
    label: 'menu.myVolunteer',
    icon: <TeamOutlined />,
    testId: 'menu-my-volunteer',
    visible: (me) => me.bindings.some((b) => b.role === 'volunteer'),
  },
  { path: '/cobuild', label: 'menu.cobuild', icon: <HeartOutlined />, testId: 'menu-cobuild', visible: isStaff },
  {
    path: '/supervision',
    label: 'menu.supervision',
    icon: <SafetyCertificateOutlined />,
    testId: 'menu-supervision',
    visible: canSeeSupervision,
  },
  { path: '/rooms', label: 'menu.rooms', icon: <CalendarOutlined />, testId: 'menu-rooms', visible: isStaff },
  {
    path: '/rooms/spaces',
    label: 'menu.roomSpaces',
    icon: <ProfileOutlined />,
    testId: 'menu-room-spaces',
    visible: managesRooms,
  },
  {
    path: '/rooms/approvals',
    label: 'menu.roomApprovals',
    icon: <AuditOutlined />,
    testId: 'menu-room-approvals',
    visible: managesRooms,
  },
  { path: '/points', label: 'menu.points', icon: <GiftOutlined />, testId: 'menu-points', visible: isStaff },
  {
    path: '/deliberation',
    label: 'menu.deliberation',
    icon: <TeamOutlined />,
    testId: 'menu-deliberation',
    visible: isStaff,
  },
  { path: '/party', label: 'menu.party', icon: <FlagOutlined />, testId: TID.menuParty, permission: 'party.read' },
  {
    path: '/organisations',
    label: 'menu.organisations',
    icon: <BankOutlined />,
    testId: TID.menuOrganisations,
    permission: 'organisations.read',
  },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, testId: TID.menuUsers, permission: 'users.read' },
  { path: '/admin/tags', label: 'menu.tags', icon: <TagsOutlined />, testId: 'menu-tags', visible: isDistrictAdmin },
  {
    path: '/admin/calendar',
    label: 'menu.calendar',
    icon: <CalendarOutlined />,
    testId: 'menu-calendar',
    visible: isDistrictAdmin,
  },
  {
    path: '/admin/categories',
    label: 'menu.categories',
    icon: <ClusterOutlined />,
    testId: 'menu-categories',
    visible: isDistrictAdmin,
  },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, testId: TID.menuAudit, permission: 'audit.read' },
  {
    path: '/open311-keys',
    label: 'menu.open311',
    icon: <ApiOutlined />,
    testId: TID.menuOpen311,
    visible: canManageOpen311Keys,
  },
  { path: '/account', label: 'menu.account', icon: <UserOutlined />, testId: TID.menuAccount },
];

/** The menu entries this user may see, in display order. */
export function visibleEntries(me: Viewer): Entry[] {
  return ENTRIES.filter(
    (entry) => (!entry.permission || me.permissions.includes(entry.permission)) && (entry.visible?.(me) ?? true),
  );
}

/** antd Menu items for the given entries, each a link with its test id. */
export function menuItems(entries: Entry[], t: (key: MessageKey) => string, onNavigate?: () => void) {
  return entries.map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={entry.testId} onClick={onNavigate}>
        {t(entry.label)}
      </Link>
    ),
  }));
}

/** The menu key to highlight for a pathname (the longest matching entry). */
export function selectedKey(pathname: string): string {
  const match = ENTRIES.filter((e) => e.path !== '/' && pathname.startsWith(e.path)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  if (match) return match.path;
  return pathname === '/' ? '/' : '';
}
