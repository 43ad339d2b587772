// The resident list (/people): search by name, pinyin, initials, ID/phone tail or address, filters in the URL,
// keyset pages with masked ID and phone, care level colours; a row opens the resident drawer.
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Input, List, Select, Space, Table, Typography } from 'antd';
import { BookOutlined, CarOutlined, DownloadOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { TID } from '../../app/testids';
import { EmptyText } from '../../components/EmptyText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCursorList } from '../../lib/useCursorList';
import { useFeedback } from '../../lib/useFeedback';
import { useIsMobile } from '../../lib/useIsMobile';
import { canEditPeople, canExportPeople } from './access';
import {
  exportResidents,
  PEOPLE_KEY,
  PEOPLE_PATH,
  RESIDENCE_TYPES,
  useCareMap,
  usePersonTags,
  type Resident,
  type ResidenceType,
  type ResidentFilters,
} from './api';
import { CreateResidentModal } from './CreateResidentModal';
import { ImportModal } from './ImportModal';
import { CareTag, PersonTags, ResidenceLabel } from './labels';
import { ResidentDrawer } from './ResidentDrawer';

function readFilters(params: URLSearchParams): ResidentFilters {
  const type = params.get('type');
  return {
    q: params.get('q') ?? undefined,
    tag: params.get('tag') ?? undefined,
    residenceType: RESIDENCE_TYPES.includes(type as ResidenceType) ? (type as ResidenceType) : undefined,
    includeMovedOut: params.get('all') === '1' || undefined,
  };
}

export function ResidentsPage() {
  const t = useT();
  const me = useMe();
  const isMobile = useIsMobile();
  const feedback = useFeedback();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  // ?resident=ID opens that person's record (links from a worker's day and elsewhere).
  const [openId, setOpenId] = useState<number | null>(() => Number(params.get('resident')) || null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const tags = usePersonTags();
  const care = useCareMap(true);
  const list = useCursorList<Resident>([...PEOPLE_KEY, 'list'], `${PEOPLE_PATH}/residents`, { ...filters, limit: 30 });
  const mayExport = canExportPeople(me);
  const mayEdit = canEditPeople(me);
  const idText = (r: Resident) => r.idNumberMasked ?? t('people.idKind.none');

  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (!value) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const onExport = async () => {
    setExporting(true);
    try {
      await exportResidents(filters);
      feedback.ok(t('people.exported'));
    } catch (error) {
      feedback.fail(error);
    } finally {
      setExporting(false);
    }
  };

  const filterBar = (
    <Space wrap style={{ marginBottom: 12, width: '100%' }}>
      <Input.Search
        key={filters.q ?? ''}
        allowClear
        defaultValue={filters.q}
        placeholder={t('people.search')}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        style={{ width: isMobile ? 'calc(100vw - 56px)' : 360 }}
        data-testid={TID.peopleSearch}
      />
      <Select
        allowClear
        placeholder={t('people.filter.tag')}
        aria-label={t('people.filter.tag')}
        value={filters.tag}
        onChange={(value?: string) => update({ tag: value })}
        options={(tags.data ?? []).filter((tag) => !tag.retired).map((tag) => ({ value: tag.code, label: tag.name }))}
        style={{ width: 140 }}
        data-testid={TID.peopleFilter('tag')}
      />
      <Select
        allowClear
        placeholder={t('people.filter.residenceType')}
        aria-label={t('people.filter.residenceType')}
        value={filters.residenceType}
        onChange={(value?: string) => update({ type: value })}
        options={RESIDENCE_TYPES.map((type) => ({ value: type, label: t(`people.residence.${type}`) }))}
        style={{ width: 140 }}
        data-testid={TID.peopleFilter('residenceType')}
      />
      <Checkbox
        checked={!!filters.includeMovedOut}
        onChange={(e) => update({ all: e.target.checked ? '1' : undefined })}
      >
        {t('people.includeMovedOut')}
      </Checkbox>
    </Space>
  );

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={
          <>
            <Link to="/people/visits">
              <Button icon={<CarOutlined />} data-testid={TID.peopleVisits}>
                {t('people.visits')}
              </Button>
            </Link>
            <Link to="/people/diary">
              <Button icon={<BookOutlined />}>{t('diary.title')}</Button>
            </Link>
            {mayEdit && (
              <Button
                icon={<UserAddOutlined />}
                type="primary"
                onClick={() => setCreating(true)}
                data-testid={TID.peopleCreate}
              >
                {t('people.create')}
              </Button>
            )}
            {mayEdit && !isMobile && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid={TID.peopleImport}>
                {t('people.import')}
              </Button>
            )}
            {mayExport && !isMobile && (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void onExport()}
                data-testid={TID.peopleExport}
              >
                {t('people.export')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        {filterBar}
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        {isMobile ? (
          <List
            loading={list.isLoading}
            dataSource={list.items}
            locale={{ emptyText: <EmptyText description={t('people.empty')} /> }}
            data-testid={TID.peopleTable}
            renderItem={(r) => (
              <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
                <Card
                  size="small"
                  hoverable
                  style={{ marginBottom: 8, borderLeft: r.care ? `4px solid ${careBorder[r.care.level]}` : undefined }}
                  onClick={() => setOpenId(r.id)}
                  data-testid={TID.peopleRow}
                  data-name={r.name}
                >
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <span>
                      <CareTag level={r.care?.level} />
                      <Typography.Text type="secondary">
                        <ResidenceLabel type={r.residenceType} />
                      </Typography.Text>
                    </span>
                  </Space>
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">
                      {idText(r)}
                      {r.phoneMasked ? ` · ${r.phoneMasked}` : ''}
                      {r.movedOutOn ? ` · ${t('people.movedOutOn')} ${r.movedOutOn}` : ''}
                    </Typography.Text>
                  </div>
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary" ellipsis>
                      {r.householdName}
                    </Typography.Text>
                  </div>
                  {r.tags.length > 0 && (
                    <div style={{ marginTop: 4 }}>
                      <PersonTags codes={r.tags} catalogue={tags.data} />
                    </div>
                  )}
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<Resident>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyText description={t('people.empty')} /> }}
            data-testid={TID.peopleTable}
            onRow={(r) =>
              ({
                'data-testid': TID.peopleRow,
                'data-name': r.name,
                onClick: () => setOpenId(r.id),
                style: { cursor: 'pointer' },
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('people.name'), dataIndex: 'name', width: 110 },
              { title: t('people.care'), key: 'care', width: 100, render: (_, r) => <CareTag level={r.care?.level} /> },
              { title: t('people.idNumber'), key: 'id', width: 190, render: (_, r) => idText(r) },
              {
                title: t('people.phone'),
                dataIndex: 'phoneMasked',
                width: 130,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('people.residenceType'),
                dataIndex: 'residenceType',
                width: 90,
                render: (v: ResidenceType) => <ResidenceLabel type={v} />,
              },
              {
                title: t('people.household'),
                key: 'household',
                ellipsis: true,
                render: (_, r) =>
                  r.movedOutOn
                    ? `${r.householdName}（${t('people.movedOutTo')} ${r.movedOutTo ?? ''}）`
                    : r.householdName,
              },
              {
                title: t('people.tags'),
                dataIndex: 'tags',
                render: (v: string[]) => <PersonTags codes={v} catalogue={tags.data} />,
              },
            ]}
          />
        )}
        <LoadMore
          hasMore={list.hasMore}
          loading={list.isLoadingMore}
          onLoadMore={list.loadMore}
          count={list.items.length}
        />
      </Card>
      <ResidentDrawer
        id={openId}
        care={openId === null ? undefined : care.get(openId)}
        onClose={() => setOpenId(null)}
      />
      <CreateResidentModal open={creating} onClose={() => setCreating(false)} />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

const careBorder = { red: '#f5222d', yellow: '#faad14', blue: '#1677ff' } as const;
