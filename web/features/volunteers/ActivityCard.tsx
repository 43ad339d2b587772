// One activity with its shifts: places, waitlist, the caller's place (or that the shift is over), and sign-up, joining
// the waitlist or cancel (cancel asks first).
import { Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { useFeedback } from '../../lib/useFeedback';
import { cnDate, cnTime } from '../rooms/time';
import { useCancelSignUp, useSignUp, type ActivityData } from './api';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** The China weekday of an instant, 0 = Sunday. */
const weekday = (iso: string) => WEEKDAYS[new Date(Date.parse(iso) + 8 * 3_600_000).getUTCDay()]!;

/** `credited`: the caller's confirmed hours by shift id, shown on the shifts that have ended. */
export function ActivityCard({
  a,
  join,
  credited,
}: {
  a: ActivityData;
  join: boolean;
  credited?: Map<number, number>;
}) {
  const t = useT();
  const feedback = useFeedback();
  const signUp = useSignUp();
  const cancel = useCancelSignUp();
  const now = Date.now();
  return (
    <Card size="small" title={a.title} data-testid="vol-activity">
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag>{t(`vol.type.${a.activityType}`)}</Tag>
          {a.requiredCertificate && (
            <Tag color="gold">{t('vol.needsCert', { kind: t(`vol.cert.${a.requiredCertificate}`) })}</Tag>
          )}
        </Space>
        <Typography.Text type="secondary">
          {a.place ? `${a.place} · ` : ''}
          {t('vol.organiser', { name: a.organiserName })}
          {a.teamName ? ` · ${t('vol.team', { name: a.teamName })}` : ''}
        </Typography.Text>
        {a.shifts.map((s) => {
          const upcoming = Date.parse(s.startsAt) > now;
          const ended = Date.parse(s.endsAt) <= now;
          return (
            <div
              key={s.id}
              data-testid="vol-shift"
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                gap: 8,
                alignItems: 'center',
                justifyContent: 'space-between',
              }}
            >
              <Space direction="vertical" size={2}>
                <span>
                  {cnDate(s.startsAt)} {t(`vol.weekday.${weekday(s.startsAt)}`)} {cnTime(s.startsAt)}–{cnTime(s.endsAt)}
                </span>
                <Space wrap size={4}>
                  <Tag>{t('vol.places', { taken: s.taken, capacity: s.capacity })}</Tag>
                  {s.waitlisted > 0 && <Tag>{t('vol.waiting', { n: s.waitlisted })}</Tag>}
                  {ended && s.mine === 'confirmed' && credited?.has(s.id) && (
                    <Tag color="green">{t('vol.credited', { n: credited.get(s.id)! })}</Tag>
                  )}
                  {ended && s.mine === 'confirmed' && !credited?.has(s.id) && <Tag>{t('vol.ended')}</Tag>}
                  {!ended && s.mine === 'confirmed' && <Tag color="green">{t('vol.signedUp')}</Tag>}
                  {s.mine === 'waitlisted' && (
                    <Tag color="blue">{t('vol.waitlisted', { n: s.myWaitlistPosition ?? 0 })}</Tag>
                  )}
                </Space>
              </Space>
              {join && !s.mine && upcoming && (
                <Button
                  type="primary"
                  data-testid="vol-signup"
                  loading={signUp.isPending && signUp.variables === s.id}
                  onClick={() =>
                    signUp
                      .mutateAsync(s.id)
                      .then(
                        (r) => feedback.ok(t(r.status === 'confirmed' ? 'vol.signupOk' : 'vol.waitlistOk')),
                        feedback.fail,
                      )
                  }
                >
                  {t(s.taken >= s.capacity ? 'vol.joinWaitlist' : 'vol.signup')}
                </Button>
              )}
              {join && s.mine && upcoming && (
                <Popconfirm
                  title={t('vol.cancelAsk')}
                  okText={t('vol.cancelSignup')}
                  cancelText={t('vol.keep')}
                  onConfirm={() => cancel.mutateAsync(s.id).then(() => feedback.ok(t('vol.cancelled')), feedback.fail)}
                >
                  <Button danger data-testid="vol-cancel">
                    {t('vol.cancelSignup')}
                  </Button>
                </Popconfirm>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
