// A resolution into the case loop in one tap: its title, text, owner and due date go into the case as they are; staff
// pick only the category (and a grid when the proposal behind it had no point). Once made, the case's link and status.
import { useState } from 'react';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../../app/i18n';
import { useCategories } from '../cases/api';
import { useDelibPost, usePlaces, type ResolutionData } from './api';
import { DelibError } from './DelibError';

export function ResolutionCase({ r }: { r: ResolutionData }) {
  const t = useT();
  const post = useDelibPost();
  const categories = useCategories();
  const places = usePlaces();
  const [code, setCode] = useState<string | undefined>();
  const [gridId, setGridId] = useState<number | undefined>();
  if (r.caseId)
    return (
      <Space wrap data-testid={`res-case-${r.id}`}>
        <Typography.Text>{t('delib.caseMade')}</Typography.Text>
        <Link to={`/cases/${r.caseId}`} data-testid={`res-case-link-${r.id}`}>
          {t('delib.caseLink', { id: r.caseId })}
        </Link>
        {r.caseStatus && <Tag>{t(`status.${r.caseStatus}` as MessageKey)}</Tag>}
      </Space>
    );
  if (r.status === 'done') return null;
  return (
    <div>
      <DelibError error={post.error} />
      <Space wrap>
        <Select
          aria-label={t('delib.category')}
          data-testid={`res-category-${r.id}`}
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
        <Select
          aria-label={t('delib.grid')}
          style={{ width: 180, maxWidth: '100%' }}
          allowClear
          placeholder={r.proposalId ? t('delib.gridFromProposal') : t('delib.gridPick')}
          value={gridId}
          onChange={setGridId}
          options={(places.data?.items ?? [])
            .filter((x) => x.kind === 'grid')
            .map((x) => ({ value: x.id, label: x.name }))}
        />
        <Button
          data-testid={`res-to-case-${r.id}`}
          disabled={!code}
          loading={post.isPending}
          onClick={() =>
            post.mutate({
              path: `/resolutions/${r.id}/case`,
              body: { categoryCode: code, ...(gridId ? { gridId } : {}) },
            })
          }
        >
          {t('delib.toCase')}
        </Button>
      </Space>
    </div>
  );
}
