// The volunteer's phone home (/m/volunteer): my confirmed hours (and a link to my points), my coming activities, open
// activities to sign up for, my past activities, my certificates.
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { cnDate, cnTime } from '../rooms/time';
import { ActivityCard } from './ActivityCard';
import { useActivities, useMyHours, useMyProfile, type ActivityData } from './api';
import { AttendanceDialog } from './VolunteersPage';

export function VolunteerHomePage() {
  const t = useT();
  const me = useMyProfile();
  const hours = useMyHours();
  const mine = useActivities('mine');
  const open = useActivities('open');
  const mineIds = new Set((mine.data?.items ?? []).map((a) => a.id));
  const openItems = (open.data?.items ?? []).filter((a) => !mineIds.has(a.id));
  // An activity whose shifts have all ended leaves "my activities" for the list of past ones below.
  const now = Date.now();
  const over = (a: ActivityData) => a.shifts.every((s) => Date.parse(s.endsAt) <= now);
  const current = (mine.data?.items ?? []).filter((a) => !over(a));
  const past = (mine.data?.items ?? []).filter(over);
  const credited = new Map((hours.data?.items ?? []).map((h) => [h.shiftId, h.hours]));
  // Activities this volunteer organises (a team leader's): the roll of each shift is confirmed here, on the phone.
  const [roll, setRoll] = useState<{ a: ActivityData; s: ActivityData['shifts'][number] } | null>(null);
  const seen = new Set<number>();
  const organised = [...(mine.data?.items ?? []), ...(open.data?.items ?? [])].filter(
    (a) => a.canConfirm && !seen.has(a.id) && seen.add(a.id),
  );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="jy-portal-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('vol.home.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('vol.home.intro')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={me.error ?? hours.error ?? mine.error ?? open.error} />
      <Card size="small" title={t('vol.hours')} data-testid="vol-hours">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="vol-hours-total">
          {t('vol.hoursTotal', { n: hours.data?.total ?? 0 })}
        </Typography.Title>
        <List
          size="small"
          dataSource={hours.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.hoursEmpty')} /> }}
          renderItem={(h) => (
            <List.Item data-testid="vol-hours-item">
              {cnDate(h.startsAt)} {h.title} · {t('vol.hoursUnit', { n: h.hours })}
            </List.Item>
          )}
        />
        <Link to="/m/points">{t('vol.points')}</Link>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('vol.mine')}
      </Typography.Title>
      {mine.isSuccess && current.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.mineEmpty')} />
      )}
      {current.map((a) => (
        <ActivityCard key={a.id} a={a} join credited={credited} />
      ))}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('vol.open')}
      </Typography.Title>
      {open.isSuccess && openItems.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.openEmpty')} />
      )}
      {openItems.map((a) => (
        <ActivityCard key={a.id} a={a} join />
      ))}
      {past.length > 0 && (
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('vol.past')}
        </Typography.Title>
      )}
      {past.map((a) => (
        <ActivityCard key={a.id} a={a} join={false} credited={credited} />
      ))}
      {organised.length > 0 && (
        <Card size="small" title={t('vol.organised')} data-testid="vol-organised">
          <List
            size="small"
            dataSource={organised.flatMap((a) => a.shifts.map((s) => ({ a, s })))}
            renderItem={({ a, s }) => (
              <List.Item
                actions={[
                  <Button key="roll" size="small" onClick={() => setRoll({ a, s })}>
                    {t(Date.parse(s.startsAt) <= now ? 'vol.attendance' : 'vol.roster')}
                  </Button>,
                ]}
              >
                {a.title} · {cnDate(s.startsAt)} {cnTime(s.startsAt)}
              </List.Item>
            )}
          />
        </Card>
      )}
      {roll && <AttendanceDialog a={roll.a} s={roll.s} onClose={() => setRoll(null)} />}
      <Card size="small" title={t('vol.certificates')}>
        <List
          size="small"
          dataSource={me.data?.certificates ?? []}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.certificatesEmpty')} />,
          }}
          renderItem={(c) => (
            <List.Item>
              {t(`vol.cert.${c.kind}`)} · {t('vol.validUntil', { date: c.expiresOn })}{' '}
              {!c.valid && <Tag color="red">{t('vol.expired')}</Tag>}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
