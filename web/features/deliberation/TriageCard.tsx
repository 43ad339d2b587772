// One proposal in the triage queue: onto a council's agenda (a planned meeting or pending), to the case loop with a
// category and grid, or answered directly.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { DelibError } from './DelibError';
import { formatDateTime } from '../../lib/format';
import { useCategories } from '../cases/api';
import { useDelibPost, useMeetings, usePlaces, type CouncilData, type ProposalData } from './api';

const field = { display: 'flex', flexDirection: 'column', gap: 2, maxWidth: '100%' } as const;
const row = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8, marginTop: 12 } as const;

export function TriageCard({ p, councils }: { p: ProposalData; councils: CouncilData[] }) {
  const t = useT();
  const [language] = useLanguage();
  const post = useDelibPost();
  const places = usePlaces();
  const categories = useCategories();
  const [code, setCode] = useState<string | undefined>();
  const [gridId, setGridId] = useState<number | undefined>();
  const [chosenCouncil, setCouncilId] = useState<number | undefined>();
  // The councils arrive after the queue: the first one is the default until another is chosen.
  const councilId = chosenCouncil ?? councils[0]?.id;
  const [meetingId, setMeetingId] = useState<number | undefined>();
  const [answer, setAnswer] = useState('');
  const meetings = useMeetings(councilId);
  const planned = councilId ? (meetings.data?.meetings ?? []).filter((m) => m.status === 'planned') : [];
  const triage = (body: object) => post.mutate({ path: `/proposals/${p.id}/triage`, body });
  const id = (s: string) => `triage-${p.id}-${s}`;
  return (
    <Card size="small" style={{ marginBottom: 8 }} title={p.title} data-testid={`queue-${p.id}`}>
      <DelibError error={post.error} />
      <Typography.Paragraph>{p.text}</Typography.Paragraph>
      <Space wrap style={{ display: 'flex' }}>
        <Tag>{t(`delib.cat.${p.category}`)}</Tag>
        <Tag>{p.place ? `${p.nodeName} · ${p.place}` : p.nodeName}</Tag>
        <Tag>
          {t('delib.supports')} {p.supports}
        </Tag>
        {p.overdueForAgenda && <Tag color="red">{t('delib.overdue')}</Tag>}
        {p.onPaper && <Tag>{t('delib.onPaper')}</Tag>}
        {p.authorName && <Typography.Text type="secondary">{p.authorName}</Typography.Text>}
        <Typography.Text type="secondary">{formatDateTime(p.createdAt, language)}</Typography.Text>
      </Space>
      <div style={row}>
        <label style={field} htmlFor={id('council')}>
          <Typography.Text type="secondary">{t('delib.council')}</Typography.Text>
          <Select
            id={id('council')}
            style={{ width: 220, maxWidth: '100%' }}
            value={councilId}
            onChange={(v) => {
              setCouncilId(v);
              setMeetingId(undefined);
            }}
            options={councils.map((c) => ({ value: c.id, label: c.name }))}
          />
        </label>
        <label style={field} htmlFor={id('meeting')}>
          <Typography.Text type="secondary">{t('delib.meeting')}</Typography.Text>
          <Select
            id={id('meeting')}
            data-testid={`triage-meeting-${p.id}`}
            style={{ width: 260, maxWidth: '100%' }}
            allowClear
            placeholder={t('delib.noMeeting')}
            value={meetingId}
            onChange={setMeetingId}
            options={planned.map((m) => ({ value: m.id, label: `${formatDateTime(m.startsAt, language)} ${m.place}` }))}
          />
        </label>
        <Button
          type="primary"
          data-testid={`to-agenda-${p.id}`}
          disabled={!councilId}
          loading={post.isPending}
          onClick={() => triage({ outcome: 'agenda', councilId, ...(meetingId ? { meetingId } : {}) })}
        >
          {t('delib.toAgenda')}
        </Button>
      </div>
      <div style={row}>
        <label style={field} htmlFor={id('category')}>
          <Typography.Text type="secondary">{t('delib.category')}</Typography.Text>
          <Select
            id={id('category')}
            showSearch
            optionFilterProp="label"
            style={{ width: 220, maxWidth: '100%' }}
            value={code}
            onChange={setCode}
            placeholder={t('delib.categoryPick')}
            options={(categories.data ?? [])
              .filter((c) => c.parentCode)
              .map((c) => ({ value: c.code, label: `${c.name} ${c.code}` }))}
          />
        </label>
        <label style={field} htmlFor={id('grid')}>
          <Typography.Text type="secondary">{t('delib.grid')}</Typography.Text>
          <Select
            id={id('grid')}
            style={{ width: 160, maxWidth: '100%' }}
            allowClear
            placeholder={t('delib.gridPick')}
            value={gridId}
            onChange={setGridId}
            options={(places.data?.items ?? [])
              .filter((x) => x.kind === 'grid')
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </label>
        <Button
          data-testid={`to-case-${p.id}`}
          disabled={!code}
          onClick={() => triage({ outcome: 'case', categoryCode: code, ...(gridId ? { gridId } : {}) })}
        >
          {t('delib.toCase')}
        </Button>
      </div>
      <div style={row}>
        <label style={field} htmlFor={id('answer')}>
          <Typography.Text type="secondary">{t('delib.answerText')}</Typography.Text>
          <Input
            id={id('answer')}
            style={{ width: 300, maxWidth: '100%' }}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
        </label>
        <Button disabled={!answer.trim()} onClick={() => triage({ outcome: 'answer', answer })}>
          {t('delib.answer')}
        </Button>
      </div>
    </Card>
  );
}
