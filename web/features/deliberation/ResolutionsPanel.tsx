// Resolutions of the councils in scope as staff follow them: owner, due date, progress notes to done; what is shown
// here is what residents read on the public notice (公示); each can become a case in one tap.
import { useState } from 'react';
import { Button, Card, Input, InputNumber, Progress, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { DelibError } from './DelibError';
import { formatDateTime } from '../../lib/format';
import { useDelibPost, useResolutions, type ResolutionData } from './api';
import { CardList } from './CardList';
import { ResolutionCase } from './ResolutionCase';

function ProgressForm({ r }: { r: ResolutionData }) {
  const t = useT();
  const post = useDelibPost();
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState<number | null>(r.percent);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DelibError error={post.error} />
      <Space wrap>
        <InputNumber
          aria-label={t('delib.percent')}
          addonAfter="%"
          min={0}
          max={100}
          value={percent}
          onChange={setPercent}
          data-testid={`progress-percent-${r.id}`}
        />
        <Input
          aria-label={t('delib.progressNote')}
          placeholder={t('delib.progressNote')}
          style={{ width: 320, maxWidth: '100%' }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid={`progress-note-${r.id}`}
        />
        <Button
          disabled={!note.trim() || percent == null}
          loading={post.isPending}
          data-testid={`progress-save-${r.id}`}
          onClick={() =>
            post.mutate(
              { path: `/resolutions/${r.id}/progress`, body: { note, percent } },
              { onSuccess: () => setNote('') },
            )
          }
        >
          {t('delib.progressSave')}
        </Button>
      </Space>
    </Space>
  );
}

export function ResolutionsPanel() {
  const t = useT();
  const [language] = useLanguage();
  const resolutions = useResolutions(false);
  return (
    <>
      <DelibError error={resolutions.error} />
      <CardList
        items={resolutions.data?.items}
        loading={resolutions.isPending}
        empty={t('delib.noResolutions')}
        render={(r) => (
          <Card size="small" style={{ marginBottom: 8 }} title={r.title} data-testid={`resolution-${r.id}`}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
            <Space wrap style={{ marginBottom: 8 }}>
              <Tag>{r.councilName}</Tag>
              <Tag color={r.status === 'done' ? 'green' : 'blue'}>{t(`delib.res.${r.status}`)}</Tag>
              <Typography.Text>
                {t('delib.owner')} {r.owner} · {t('delib.due')} {r.dueOn}
              </Typography.Text>
              {r.result && (
                <Typography.Text type="secondary">
                  {t('delib.result', { yes: r.result.yes, no: r.result.no, abstain: r.result.abstain })}
                </Typography.Text>
              )}
            </Space>
            <Progress percent={r.percent} size="small" aria-label={t('delib.progress', { percent: r.percent })} />
            {r.progress.map((p) => (
              <div key={p.at}>
                <Typography.Text type="secondary">
                  {formatDateTime(p.at, language)} · {p.percent}% · {p.note}
                </Typography.Text>
              </div>
            ))}
            <div style={{ marginTop: 8 }}>
              <ResolutionCase r={r} />
            </div>
            {r.status !== 'done' && (
              <div style={{ marginTop: 8 }}>
                <ProgressForm r={r} />
              </div>
            )}
          </Card>
        )}
      />
    </>
  );
}
