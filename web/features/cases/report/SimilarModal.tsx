// Before a report is sent: open reports of the same category nearby, each with a "我也遇到" (me too) button.
import { Button, List, Modal, Space, Typography } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import { useLanguage, useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { formatDateTime } from '../../../lib/format';
import type { SimilarCase } from '../../../lib/types';
import { StatusTag } from '../labels';

type Props = {
  items: SimilarCase[] | null;
  supporting: number | null;
  onMeToo: (id: number) => void;
  onContinue: () => void;
  onCancel: () => void;
};

export function SimilarModal({ items, supporting, onMeToo, onContinue, onCancel }: Props) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <Modal
      open={items !== null}
      title={t('report.similarTitle')}
      onCancel={onCancel}
      footer={
        <Button block onClick={onContinue} data-testid={TID.similarContinue} disabled={supporting !== null}>
          {t('report.continue')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('report.similarHint')}</Typography.Paragraph>
      <List
        data-testid={TID.reportSimilar}
        dataSource={items ?? []}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button
                key="me-too"
                type="primary"
                icon={<LikeOutlined />}
                loading={supporting === c.id}
                disabled={supporting !== null && supporting !== c.id}
                onClick={() => onMeToo(c.id)}
                data-testid={TID.similarMeToo}
              >
                {t('report.meToo')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <StatusTag status={c.status} />
                  <Typography.Text style={{ fontSize: 12 }}>{c.number}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {c.description}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.createdAt, language)} · {t('report.supportCount', { count: c.supportCount })}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
