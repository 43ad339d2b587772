// The top bar: brand, phone menu button, language switch and the user menu (account, logout).
import { Avatar, Button, Dropdown, Layout, Space, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useLanguage, useT } from '../i18n';
import { useMe } from '../session';
import { TID } from '../testids';
import { useLogout } from '../../features/auth/api';
import { NotificationBell } from '../../features/notifications/NotificationBell';

type Props = { isMobile: boolean; onOpenMenu: () => void };

export function HeaderBar({ isMobile, onOpenMenu }: Props) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [language, setLanguage] = useLanguage();
  const logout = useLogout();

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        borderBottom: '1px solid #f0f0f0',
        paddingInline: isMobile ? 8 : 16,
      }}
    >
      {isMobile && (
        <Button
          type="text"
          icon={<MenuOutlined />}
          onClick={onOpenMenu}
          aria-label={t('layout.openMenu')}
          data-testid={TID.menuToggle}
        />
      )}
      <div className="jy-brand">
        <span className="jy-brand-mark">家</span>
        {!isMobile && <span>{t('app.title')}</span>}
        {isMobile && <span>{t('app.shortTitle')}</span>}
      </div>
      <div style={{ flex: 1 }} />
      <Space size={isMobile ? 0 : 8}>
        <NotificationBell />
        <Button
          type="text"
          icon={<TranslationOutlined />}
          data-testid={TID.langSwitch}
          onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
          title={t('layout.switchLanguage')}
        >
          {language === 'en' ? '中文' : 'English'}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'account', icon: <UserOutlined />, label: t('menu.account'), onClick: () => navigate('/account') },
              { type: 'divider' },
              {
                key: 'logout',
                icon: <LogoutOutlined />,
                label: <span data-testid={TID.logout}>{t('layout.logout')}</span>,
                onClick: () => logout.mutate(),
              },
            ],
          }}
        >
          {/* Named by the person's name: on a phone only the avatar shows, whose icon alone would say "user". */}
          <Button type="text" data-testid={TID.userMenu} style={{ paddingInline: 4 }} aria-label={me.displayName}>
            <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5fa8' }} />
            {!isMobile && (
              <Typography.Text style={{ maxWidth: 160 }} ellipsis>
                {me.displayName}
              </Typography.Text>
            )}
          </Button>
        </Dropdown>
      </Space>
    </Layout.Header>
  );
}
