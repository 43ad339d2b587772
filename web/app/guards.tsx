// Route guards: signed in (else the login page), must-change-password, and per-permission pages.
import { useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import type { Permission } from '../../contracts/auth';
import { MeContext, useCan, useMeQuery } from './session';
import { useT } from './i18n';
import { errorMessage } from '../lib/api';
import type { Me } from '../lib/types';

/** Renders children only for a signed-in user; otherwise sends them to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.data.mustChangePassword && location.pathname !== '/account') {
    return <Navigate to="/account" replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** Shows a 403 page in place of children when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const allowed = useCan(permission);
  if (!allowed) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}

/** Shows a 403 page in place of children unless `allowed(me)` holds (for pages open to several permissions). */
export function RequireAccess({ allowed, children }: { allowed: (me: Me) => boolean; children: ReactNode }) {
  const t = useT();
  const me = useContext(MeContext);
  if (!me || !allowed(me)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
