// The resident's surveys (/m/surveys): open surveys of their community, one anonymous answer per household.
import { useState } from 'react';
import { App, Button, Input, Rate, Space, Spin, Tag, Typography } from 'antd';
import { useT, type MessageKey } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import type { Survey } from '../../../contracts/supervision';
import { useAnswer, useSurveys } from './api';

function SurveyCard({ s }: { s: Survey }) {
  const t = useT();
  const { message } = App.useApp();
  const answer = useAnswer();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const complete = s.dimensions.every((d) => scores[d]);
  return (
    <div className="jy-portal-card" data-testid={`survey-${s.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{s.title}</Typography.Text>
        <Typography.Text type="secondary">
          {s.nodeName}
          {s.companyName ? ` · ${s.companyName}` : ''}
        </Typography.Text>
        {s.answered ? (
          <Tag color="green" data-testid="survey-answered">
            {t('sup.answered')}
          </Tag>
        ) : (
          <>
            {s.dimensions.map((d) => (
              <div key={d}>
                <Typography.Text id={`dim-${s.id}-${d}`}>{t(`sup.dim.${d}` as MessageKey)}</Typography.Text>
                <div>
                  <Rate
                    value={scores[d] ?? 0}
                    onChange={(v) => setScores((x) => ({ ...x, [d]: v }))}
                    aria-labelledby={`dim-${s.id}-${d}`}
                    data-testid={`rate-${d}`}
                  />
                </div>
              </div>
            ))}
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('sup.commentPlaceholder')}
              aria-label={t('sup.comment')}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sup.anonymous')}
            </Typography.Text>
            <Button
              type="primary"
              size="large"
              block
              disabled={!complete}
              loading={answer.isPending}
              data-testid="survey-submit"
              onClick={() =>
                answer.mutate(
                  { id: s.id, body: { scores, ...(comment.trim() ? { comment: comment.trim() } : {}) } },
                  {
                    onSuccess: () => void message.success(t('sup.thanks')),
                    onError: (e) => void message.error(errorMessage(e)),
                  },
                )
              }
            >
              {t('sup.submit')}
            </Button>
          </>
        )}
      </Space>
    </div>
  );
}

export function SurveysPage() {
  const t = useT();
  const q = useSurveys();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('sup.surveys')}
      </Typography.Title>
      <ErrorAlert error={q.error} onRetry={q.refetch} />
      {q.isLoading && <Spin />}
      {q.data?.items.length === 0 && <Typography.Text type="secondary">{t('sup.noSurveys')}</Typography.Text>}
      {q.data?.items.map((s) => (
        <SurveyCard key={s.id} s={s} />
      ))}
    </Space>
  );
}
