// The side-menu entries, filtered by the signed-in user's permissions.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  FlagOutlined,
  HomeOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../contracts/auth';
import type { MessageKey } from '../i18n';
import { TID } from '../testids';

type Entry = { path: string; label: MessageKey; icon: ReactNode; testId: string; permission?: Permission };

const ENTRIES: Entry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, testId: TID.menuHome },
  { path: '/territory', label: 'menu.territory', icon: <ApartmentOutlined />, testId: TID.menuTerritory, permission: 'territory.read' },
  { path: '/party', label: 'menu.party', icon: <FlagOutlined />, testId: TID.menuParty, permission: 'party.read' },
  { path: '/organisations', label: 'menu.organisations', icon: <BankOutlined />, testId: TID.menuOrganisations, permission: 'organisations.read' },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, testId: TID.menuUsers, permission: 'users.read' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, testId: TID.menuAudit, permission: 'audit.read' },
  { path: '/account', label: 'menu.account', icon: <UserOutlined />, testId: TID.menuAccount },
];

/** The menu entries this user may see, in display order. */
export function visibleEntries(permissions: readonly Permission[]): Entry[] {
  return ENTRIES.filter((entry) => !entry.permission || permissions.includes(entry.permission));
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
  return match ? match.path : '/';
}
