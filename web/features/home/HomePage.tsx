// The home screen: each role lands on its work (to-do, overdue, due soon, new reports, summons, visits due), each with
// one tap to the filtered list; supervisors also see the year's figures of their area. Only what exists is shown.
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';
import { visibleEntries } from '../../app/layout/menuItems';
import { EmptyText } from '../../components/EmptyText';
import type { CaseSummary, Page } from '../../lib/types';
import { percent } from '../metrics/api';
import { canRevealPeople, canSeePeople } from '../people/access';
import { useDue } from '../people/api';
import { countText, useBox, useYearFigures } from './api';
import { WorkCard, type WorkItem } from './WorkCard';

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

const FIGURES = ['registered', 'due', 'closed', 'closureRate', 'onTimeRate'] as const;
const COUNTS = new Set<string>(['registered', 'due', 'closed']);

export function HomePage() {
  const t = useT();
  const me = useMe();
  const canRead = useCan('cases.read');
  const canDispatch = useCan('cases.dispatch');
  const supervises = useCan('cases.supervise') || canDispatch;
  const seesPeople = canSeePeople(me);
  const summoned = me.bindings.some((b) => b.organisationId != null);

  const todo = useBox({ box: 'todo' }, canRead);
  const overdue = useBox({ box: 'overdue' }, canRead);
  const dueSoon = useBox({ box: 'due_soon' }, canRead);
  const reported = useBox({ box: 'todo', status: 'reported' }, canDispatch);
  const due = useDue(0, !canRevealPeople(me), seesPeople);
  const figures = useYearFigures(supervises);
  const links = visibleEntries(me).filter((entry) => entry.path !== '/');

  const caseItems = (page: Page<CaseSummary> | undefined, note: (c: CaseSummary) => string): WorkItem[] =>
    (page?.items ?? []).map((c) => ({
      key: c.id,
      to: `/cases/${c.id}`,
      title: `${c.number} · ${c.categoryName}`,
      note: note(c),
    }));
  const dueNote = (c: CaseSummary) =>
    c.dueAt ? t('home.dueAt', { at: dateTime(c.dueAt), grid: c.gridName }) : c.gridName;
  const summons = (todo.data?.items ?? []).filter((c) => c.reportInDueAt);

  const cards = [
    canRead && (
      <WorkCard
        key="todo"
        id="todo"
        title={t('home.card.todo')}
        count={countText(todo.data)}
        to="/cases"
        items={caseItems(todo.data, dueNote)}
        empty={t('home.empty.todo')}
        loading={todo.isPending}
        error={todo.error}
      />
    ),
    canRead && (
      <WorkCard
        key="overdue"
        id="overdue"
        danger
        title={t('home.card.overdue')}
        count={countText(overdue.data)}
        to="/cases?box=overdue"
        items={caseItems(overdue.data, dueNote)}
        empty={t('home.empty.overdue')}
        loading={overdue.isPending}
        error={overdue.error}
      />
    ),
    canRead && (
      <WorkCard
        key="dueSoon"
        id="due_soon"
        title={t('home.card.dueSoon')}
        count={countText(dueSoon.data)}
        to="/cases?box=due_soon"
        items={caseItems(dueSoon.data, dueNote)}
        empty={t('home.empty.dueSoon')}
        loading={dueSoon.isPending}
        error={dueSoon.error}
      />
    ),
    canDispatch && (
      <WorkCard
        key="reported"
        id="reported"
        title={t('home.card.reported')}
        count={countText(reported.data)}
        to="/cases?status=reported"
        items={caseItems(reported.data, (c) => t('home.reportedAt', { at: dateTime(c.createdAt), grid: c.gridName }))}
        empty={t('home.empty.reported')}
        loading={reported.isPending}
        error={reported.error}
      />
    ),
    canRead && summoned && (
      <WorkCard
        key="summons"
        id="summons"
        danger
        title={t('home.card.summons')}
        count={String(summons.length) + (todo.data?.nextCursor ? '+' : '')}
        to="/cases"
        items={summons.map((c) => ({
          key: c.id,
          to: `/cases/${c.id}`,
          title: `${c.number} · ${c.categoryName}`,
          note: t('home.reportInBy', { at: dateTime(c.reportInDueAt!) }),
        }))}
        empty={t('home.empty.summons')}
        loading={todo.isPending}
        error={todo.error}
      />
    ),
    seesPeople && (
      <WorkCard
        key="visits"
        id="visits"
        danger
        title={t('home.card.visits')}
        count={due.data ? String(due.data.length) : '—'}
        to="/people/visits"
        items={(due.data ?? []).map((d) => ({
          key: d.residentId,
          to: '/people/visits',
          title: `${d.name} · ${d.householdName}`,
          note: t(d.overdue ? 'home.visitOverdue' : 'home.visitToday', { on: d.dueOn, level: t(`care.${d.level}`) }),
        }))}
        empty={t('home.empty.visits')}
        loading={due.isPending}
        error={due.error}
      />
    ),
  ].filter(Boolean);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 8 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Space wrap size={[4, 4]}>
          {me.bindings.map((b) => (
            <Tag key={b.id} color="red">
              {t(`role.${b.role}`)} · {b.nodeName ?? b.organisationName ?? ''}
            </Tag>
          ))}
        </Space>
        {me.bindings.length === 0 && <EmptyText description={t('home.noRoles')} />}
      </Card>

      {cards.length > 0 ? (
        <Row gutter={[12, 12]} data-testid="home-work">
          {cards.map((card, i) => (
            <Col xs={24} md={12} xl={8} key={i}>
              {card}
            </Col>
          ))}
        </Row>
      ) : (
        me.bindings.length > 0 && (
          <Card size="small" data-testid="home-nothing">
            <EmptyText description={t('home.nothingHere')} />
          </Card>
        )
      )}

      {supervises && (
        <Card
          size="small"
          title={<Link to="/metrics">{t('home.figures', { year: new Date().getFullYear() })}</Link>}
          loading={figures.isPending}
          data-testid="home-figures"
        >
          <Row gutter={[8, 8]}>
            {FIGURES.map((key) => {
              const value = figures.data?.figures[key];
              return (
                <Col xs={12} sm={8} lg={4} key={key} data-testid={`home-figure-${key}`} data-value={value ?? ''}>
                  <Statistic
                    title={t(`metrics.${key}` as MessageKey)}
                    value={COUNTS.has(key) ? String(value ?? '—') : percent(value as number | null)}
                    valueStyle={{ fontSize: 20 }}
                  />
                </Col>
              );
            })}
          </Row>
        </Card>
      )}

      {links.length > 0 && (
        <Card size="small" title={t('home.quickLinks')}>
          <Row gutter={[8, 8]}>
            {links.map((entry) => (
              <Col xs={12} sm={8} lg={6} key={entry.path}>
                <Link to={entry.path}>
                  <Card
                    hoverable
                    size="small"
                    styles={{ body: { display: 'flex', alignItems: 'center', gap: 8, padding: '8px 12px' } }}
                  >
                    <span style={{ fontSize: 18, color: '#1f5fa8' }}>{entry.icon}</span>
                    <span>{t(entry.label)}</span>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </Space>
  );
}
