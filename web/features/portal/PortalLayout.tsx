// The portal's light phone layout: a slim header and a bottom tab bar with big targets; no admin sidebar.
import type { ReactNode } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router-dom';
import { Button, Spin } from 'antd';
import {
  EditOutlined,
  GlobalOutlined,
  HomeOutlined,
  ProfileOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLanguage, useT, type MessageKey } from '../../app/i18n';
import { MeContext, useMeQuery } from '../../app/session';
import { PTID } from './testids';
import './portal.css';

const TABS: { to: string; key: string; label: MessageKey; icon: ReactNode }[] = [
  { to: '/m', key: 'home', label: 'portal.tab.home', icon: <HomeOutlined /> },
  { to: '/m/report', key: 'report', label: 'portal.tab.report', icon: <EditOutlined /> },
  { to: '/m/mine', key: 'mine', label: 'portal.tab.mine', icon: <ProfileOutlined /> },
  { to: '/m/public', key: 'public', label: 'portal.tab.public', icon: <GlobalOutlined /> },
  { to: '/m/account', key: 'account', label: 'portal.tab.account', icon: <UserOutlined /> },
];

export function PortalLayout() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <div className="jy-portal-centre">
        <Spin size="large" />
      </div>
    );
  }
  return (
    <MeContext.Provider value={me.data ?? null}>
      <div className="jy-portal">
        <header className="jy-portal-header">
          <Link to="/m" className="jy-brand">
            <span className="jy-brand-mark">家</span>
            <span>{t('portal.title')}</span>
          </Link>
          <Button
            type="text"
            icon={<TranslationOutlined />}
            onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
          >
            {language === 'en' ? '中文' : 'EN'}
          </Button>
        </header>
        <main className="jy-portal-main">
          <Outlet />
        </main>
        <nav className="jy-portal-tabs" data-testid={PTID.tabs}>
          {TABS.map((tab) => (
            <NavLink
              key={tab.key}
              to={tab.to}
              end={tab.to === '/m'}
              className="jy-portal-tab"
              data-testid={PTID.tab(tab.key)}
            >
              <span className="jy-portal-tab-icon">{tab.icon}</span>
              <span>{t(tab.label)}</span>
            </NavLink>
          ))}
        </nav>
      </div>
    </MeContext.Provider>
  );
}

/** Pages of a signed-in resident: others go to the login page (which links to sign-up) and come back. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <Spin />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
