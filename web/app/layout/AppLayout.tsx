// The signed-in shell: side menu on desktop, a drawer menu on phones, the header, and the page outlet.
import { Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { Drawer, Layout, Menu, Spin } from 'antd';
import { useIsMobile } from '../../lib/useIsMobile';
import { useT } from '../i18n';
import { useMe } from '../session';
import { HeaderBar } from './HeaderBar';
import { menuItems, selectedKey, visibleEntries } from './menuItems';

export function AppLayout() {
  const t = useT();
  const me = useMe();
  const isMobile = useIsMobile();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const entries = visibleEntries(me);
  const selected = [selectedKey(pathname)];

  const fallback = (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar isMobile={isMobile} onOpenMenu={() => setDrawerOpen(true)} />
      <Layout>
        {!isMobile && (
          <Layout.Sider width={208} style={{ borderRight: '1px solid #f0f0f0' }}>
            <Menu mode="inline" selectedKeys={selected} items={menuItems(entries, t)} style={{ borderInlineEnd: 0 }} />
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={240}
            title={t('app.shortTitle')}
            styles={{ body: { padding: 0 } }}
          >
            <Menu mode="inline" selectedKeys={selected} items={menuItems(entries, t, () => setDrawerOpen(false))} />
          </Drawer>
        )}
        <Layout.Content className="jy-content">
          <Suspense fallback={fallback}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
