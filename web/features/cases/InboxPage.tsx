// The case inbox (/cases): tabs by box, filters in the URL, keyset pages with "load more", bulk dispatch and a map tab.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Tabs } from 'antd';
import { FormOutlined, SendOutlined } from '@ant-design/icons';
import { CASE_STATUSES, CHANNELS, INBOXES, type CaseStatus, type Channel } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { useCan } from '../../app/session';
import { TID } from '../../app/testids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import type { Query } from '../../lib/api';
import { useCursorList } from '../../lib/useCursorList';
import { useIsMobile } from '../../lib/useIsMobile';
import type { CaseSummary } from '../../lib/types';
import { CASES_KEY, CASES_PATH } from './api';
import { BulkDispatchModal } from './BulkDispatchModal';
import { CaseList } from './CaseList';
import { CasesMap } from './CasesMap';
import { InboxFilters, type CaseFilters } from './InboxFilters';

type Box = (typeof INBOXES)[number] | 'map';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the tab and filters from the address bar, ignoring anything malformed. */
function readParams(params: URLSearchParams): { box: Box; filters: CaseFilters } {
  const box = params.get('box');
  const status = params.get('status');
  const channel = params.get('channel');
  const from = params.get('from');
  const to = params.get('to');
  return {
    box: box === 'map' || (INBOXES as readonly string[]).includes(box ?? '') ? (box as Box) : 'todo',
    filters: {
      q: params.get('q') ?? undefined,
      status: CASE_STATUSES.includes(status as CaseStatus) ? (status as CaseStatus) : undefined,
      channel: CHANNELS.includes(channel as Channel) ? (channel as Channel) : undefined,
      categoryCode: params.get('category') ?? undefined,
      from: from && DATE.test(from) ? from : undefined,
      to: to && DATE.test(to) ? to : undefined,
      overdue: params.get('overdue') === '1' || undefined,
    },
  };
}

const toQuery = (f: CaseFilters): Query => ({ ...f, overdue: f.overdue ? true : undefined });

export function InboxPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const canDispatch = useCan('cases.dispatch');
  const canReport = useCan('cases.report');
  const [params, setParams] = useSearchParams();
  const { box, filters } = readParams(params);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const query = toQuery(filters);
  const list = useCursorList<CaseSummary>(
    [...CASES_KEY, 'list', box],
    CASES_PATH,
    { ...query, box, limit: 30 },
    box !== 'map',
  );

  const update = (patch: Record<string, string | undefined>) => {
    setSelected([]);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  const onFilters = (patch: Partial<CaseFilters>) => {
    const out: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(patch)) {
      const name = key === 'categoryCode' ? 'category' : key;
      out[name] = value === true ? '1' : value === false ? undefined : (value as string | undefined);
    }
    update(out);
  };

  const selectedCases = list.items.filter((c) => selected.includes(c.id));
  const tabs = [...INBOXES, 'map' as const].map((key) => ({
    key,
    // On a phone the short labels keep every box, "all" and "map" included, on the bar instead of behind "…".
    label: (
      <span data-testid={TID.caseTab(key)}>
        {key === 'map' ? t('cases.map') : t(isMobile ? `cases.boxShort.${key}` : `cases.box.${key}`)}
      </span>
    ),
  }));

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        extra={
          <>
            {canDispatch && box !== 'map' && !isMobile && (
              <Badge count={selected.length} size="small">
                <Button
                  icon={<SendOutlined />}
                  disabled={selected.length === 0}
                  onClick={() => setBulkOpen(true)}
                  data-testid={TID.caseBulkDispatch}
                >
                  {t('cases.bulkDispatch')}
                </Button>
              </Badge>
            )}
            {canReport && (
              <Link to="/cases/new">
                <Button type="primary" icon={<FormOutlined />}>
                  {t('cases.newReport')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={box}
          items={tabs}
          tabBarGutter={isMobile ? 14 : undefined}
          onChange={(key) => update({ box: key === 'todo' ? undefined : key })}
        />
        <InboxFilters key={filters.q ?? ''} value={filters} onChange={onFilters} compact={isMobile} />
        {box === 'map' ? (
          <CasesMap filters={query} />
        ) : (
          <>
            <ErrorAlert error={list.error} onRetry={list.refetch} />
            <CaseList
              items={list.items}
              loading={list.isLoading}
              compact={isMobile}
              emptyText={box === 'todo' ? t('cases.emptyTodo') : t('cases.empty')}
              selectable={canDispatch && !isMobile}
              selected={selected}
              onSelect={setSelected}
            />
            <LoadMore
              hasMore={list.hasMore}
              loading={list.isLoadingMore}
              onLoadMore={list.loadMore}
              count={list.items.length}
            />
          </>
        )}
      </Card>
      <BulkDispatchModal
        cases={selectedCases}
        open={bulkOpen}
        onClose={(dispatched) => {
          setBulkOpen(false);
          if (dispatched) setSelected([]);
        }}
      />
    </>
  );
}
