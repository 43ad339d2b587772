// For community workers: residents asking to be linked to a household of the community; confirm or refuse each.
import { useState } from 'react';
import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useLanguage, useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useFeedback } from '../../lib/useFeedback';
import { useDecideLink, useLinkInbox } from './api';
import { PTID } from './testids';

type Status = 'pending' | 'confirmed' | 'refused';

export function LinkRequestsPage() {
  const t = useT();
  const [language] = useLanguage();
  const feedback = useFeedback();
  const [status, setStatus] = useState<Status>('pending');
  const inbox = useLinkInbox(status);
  const decide = useDecideLink();
  const act = (id: number, confirm: boolean) =>
    decide.mutate(
      { id, confirm },
      {
        onSuccess: () => feedback.ok(t(confirm ? 'portal.links.confirmed' : 'portal.links.refused')),
        onError: feedback.fail,
      },
    );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('portal.links.title')} />
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={(['pending', 'confirmed', 'refused'] as const).map((s) => ({
          value: s,
          label: t(`portal.link.status.${s}`),
        }))}
      />
      {inbox.isError && <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      <Card>
        <List
          data-testid={PTID.linkInbox}
          loading={inbox.isPending}
          dataSource={inbox.data ?? []}
          locale={{ emptyText: t('portal.links.empty') }}
          renderItem={(l) => (
            <List.Item
              actions={
                l.status === 'pending'
                  ? [
                      <Button
                        key="ok"
                        type="primary"
                        onClick={() => act(l.id, true)}
                        loading={decide.isPending}
                        data-testid={PTID.linkConfirm}
                      >
                        {t('portal.links.confirm')}
                      </Button>,
                      <Button
                        key="no"
                        onClick={() => act(l.id, false)}
                        loading={decide.isPending}
                        data-testid={PTID.linkRefuse}
                      >
                        {t('portal.links.refuse')}
                      </Button>,
                    ]
                  : [<Tag key="s">{t(`portal.link.status.${l.status}`)}</Tag>]
              }
            >
              <List.Item.Meta
                title={`${l.residentName} · ${l.phoneMasked ?? ''}`}
                description={
                  <Typography.Text type="secondary">
                    {l.communityName} {l.address} · {formatDateTime(l.createdAt, language)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
