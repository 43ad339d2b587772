// The portal's start page: what a resident can do, sign-up for newcomers, and the household link for those signed in without one.
import { useContext } from 'react';
import { Button, Space, Typography } from 'antd';
import {
  AppstoreOutlined,
  CalendarOutlined,
  CommentOutlined,
  EditOutlined,
  GiftOutlined,
  GlobalOutlined,
  HeartOutlined,
  ProfileOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { MeContext } from '../../app/session';
import { isVolunteer } from '../wishes/access';
import { hasHousehold } from './access';
import { HouseholdLinkCard } from './HouseholdLinkCard';
import { PTID } from './testids';

export function PortalHome() {
  const t = useT();
  const me = useContext(MeContext);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {me ? t('portal.home.hello', { name: me.displayName }) : t('portal.home.welcome')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('portal.home.intro')}
        </Typography.Paragraph>
      </div>
      {!me && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Link to="/m/signup" className="jy-portal-big" data-testid={PTID.homeSignup}>
            <UserAddOutlined />
            {t('portal.home.signup')}
          </Link>
          <Link to="/login?next=/m">
            <Button size="large" block>
              {t('portal.home.login')}
            </Button>
          </Link>
        </Space>
      )}
      <Link to="/m/report" className="jy-portal-big" data-testid={PTID.homeReport}>
        <EditOutlined />
        {t('portal.home.report')}
      </Link>
      <Link to="/m/services" className="jy-portal-big" data-testid="portal-home-services">
        <AppstoreOutlined />
        {t('svc.hall')}
      </Link>
      <Link to="/m/mine" className="jy-portal-big" data-testid={PTID.homeMine}>
        <ProfileOutlined />
        {t('portal.home.mine')}
      </Link>
      <Link to="/m/wishes" className="jy-portal-big" data-testid="portal-home-wishes">
        <GiftOutlined />
        {t('wish.title')}
      </Link>
      <Link to="/m/rooms" className="jy-portal-big" data-testid="portal-home-rooms">
        <CalendarOutlined />
        {t('rooms.portal.home')}
      </Link>
      <Link to="/m/points" className="jy-portal-big" data-testid="portal-home-points">
        <GiftOutlined />
        {t('points.portal.home')}
      </Link>
      {me && isVolunteer(me) && (
        <Link to="/m/volunteer" className="jy-portal-big" data-testid="portal-home-volunteer">
          <TeamOutlined />
          {t('menu.myVolunteer')}
        </Link>
      )}
      <Link to="/m/proposals" className="jy-portal-big" data-testid="portal-home-proposals">
        <CommentOutlined />
        {t('delib.m.title')}
      </Link>
      <Link to="/m/cobuild" className="jy-portal-big" data-testid="portal-home-cobuild">
        <HeartOutlined />
        {t('cob.phone.title')}
      </Link>
      {me && (
        <Link to="/m/surveys" className="jy-portal-big" data-testid="portal-home-surveys">
          <StarOutlined />
          {t('sup.portal.surveys')}
        </Link>
      )}
      <Link to="/m/lists" className="jy-portal-big" data-testid="portal-home-lists">
        <TrophyOutlined />
        {t('sup.portal.lists')}
      </Link>
      <Link to="/m/public" className="jy-portal-big">
        <GlobalOutlined />
        {t('portal.home.public')}
      </Link>
      {me && !hasHousehold(me) && <HouseholdLinkCard />}
    </Space>
  );
}
