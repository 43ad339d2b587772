// A unit's own record (单位履职记录): its figures (projects done, wishes claimed, hours served), its agreements and
// commitments, the projects handed to it, and its party members who reported in where they live; 未开展服务 when none.
import { Alert, Descriptions, Drawer, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIsMobile } from '../../lib/useIsMobile';
import { useUnit } from './api';
import { cnDateTime, projectStatusKey } from './labels';

export function UnitRecordDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const record = useUnit(id);
  const r = record.data;
  return (
    <Drawer
      open={id != null}
      onClose={onClose}
      width={isMobile ? '100%' : 720}
      destroyOnHidden
      title={r ? t('cob.record.title', { name: r.unit.name }) : t('cob.record.titleLoading')}
    >
      <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      {record.isLoading && <Spin />}
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="cob-unit-record">
          {r.unit.noActivity ? (
            <Alert type="warning" showIcon message={t('cob.noActivity')} description={t('cob.record.noActivityHint')} />
          ) : (
            <Alert
              type="success"
              showIcon
              message={t('cob.active')}
              description={
                r.unit.lastActiveAt ? t('cob.record.lastActive', { at: cnDateTime(r.unit.lastActiveAt) }) : null
              }
            />
          )}
          <Descriptions size="small" column={isMobile ? 1 : 3} bordered>
            <Descriptions.Item label={t('cob.unit.kind')}>
              {t(`orgKind.${r.unit.kind as 'partner_unit'}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cob.agreements')}>{r.unit.agreements}</Descriptions.Item>
            <Descriptions.Item label={t('cob.members')}>{r.unit.members}</Descriptions.Item>
            <Descriptions.Item label={t('cob.record.projectsDone')}>
              <span data-testid="cob-record-done">{r.unit.projectsDone}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cob.record.projectsOpen')}>{r.unit.projectsOpen}</Descriptions.Item>
            <Descriptions.Item label={t('cob.record.claims')}>
              {t('cob.record.claimsValue', { n: r.unit.claims, f: r.unit.wishesFulfilled })}
            </Descriptions.Item>
            <Descriptions.Item label={t('cob.record.hours')}>{r.unit.hours}</Descriptions.Item>
          </Descriptions>
          <section>
            <Typography.Title level={5}>{t('cob.agreements')}</Typography.Title>
            <List
              size="small"
              bordered
              dataSource={r.agreements}
              locale={{ emptyText: <Empty description={t('cob.record.noAgreement')} /> }}
              renderItem={(a) => (
                <List.Item>
                  <Space direction="vertical" size={2}>
                    <Typography.Text strong>
                      {a.communityName} · {a.startsOn} ~ {a.endsOn}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('cob.partyOrg')}：{a.partyOrgName}
                    </Typography.Text>
                    <Space wrap size={4}>
                      {a.commitments.map((c) => (
                        <Tag key={c.id}>
                          {t(`cob.cat.${c.category}`)}：{c.title}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                </List.Item>
              )}
            />
          </section>
          <section>
            <Typography.Title level={5}>{t('cob.record.projects')}</Typography.Title>
            <Table
              rowKey="id"
              size="small"
              dataSource={r.projects}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('cob.record.noProjects') }}
              columns={[
                { title: t('cob.need'), dataIndex: 'title' },
                { title: t('cob.community'), dataIndex: 'communityName' },
                {
                  title: t('cob.status'),
                  render: (_, p) => (
                    <>
                      {t(projectStatusKey(p.status))} {p.overdue && <Tag color="red">{t('cob.overdue')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('cob.record.doneAt'),
                  dataIndex: 'doneAt',
                  render: (v: string | null) => (v ? cnDateTime(v) : '—'),
                },
                { title: t('cob.rating'), dataIndex: 'rating', render: (v: number | null) => (v ? `${v}★` : '') },
              ]}
            />
          </section>
          <section>
            <Typography.Title level={5}>{t('cob.record.members')}</Typography.Title>
            <Table
              rowKey="id"
              size="small"
              dataSource={r.members}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('cob.record.noMembers') }}
              columns={[
                { title: t('cob.name'), dataIndex: 'name' },
                { title: t('cob.community'), dataIndex: 'communityName' },
                { title: t('cob.annual'), dataIndex: 'annualCommitment' },
                { title: t('cob.servicesDone'), dataIndex: 'servicesDone' },
                {
                  title: '',
                  render: (_, m) =>
                    m.noActivity ? (
                      <Tag color="red">{t('cob.noActivity')}</Tag>
                    ) : (
                      <Tag color="green">{t('cob.active')}</Tag>
                    ),
                },
              ]}
            />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
