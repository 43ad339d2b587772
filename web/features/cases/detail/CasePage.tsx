// The case page (/cases/:id): the header, the actions the viewer may take now (each with its own form), the timeline.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Result, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CaseAction } from '../../../../contracts/cases';
import { useT } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { TID } from '../../../app/testids';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ApiError } from '../../../lib/api';
import { useCase } from '../api';
import { ActionModal } from './ActionModal';
import type { FormAction } from './ActionFields';
import { CaseHeader } from './CaseHeader';
import { CaseSummons } from './CaseSummons';
import { CaseTimeline } from './CaseTimeline';

/** Actions that move the case forward are primary; the rest are plain buttons. */
const PRIMARY: CaseAction[] = [
  'register',
  'dispatch',
  'accept',
  'reply',
  'verify',
  'rate',
  'decide_extension',
  'report_in',
];
const DANGER: CaseAction[] = ['void', 'return'];

export function CasePage() {
  const t = useT();
  const id = Number(useParams().id);
  const detail = useCase(id);
  const canDispatch = useCan('cases.dispatch');
  const [open, setOpen] = useState<FormAction | null>(null);

  if (detail.isPending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('case.notFound')}
          extra={<Link to="/cases">{t('case.back')}</Link>}
        />
      );
    }
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const c = detail.data;
  const actions: FormAction[] = [...c.actions];
  // Merging is its own request: offered to dispatchers while the duplicate has not been dispatched.
  if (canDispatch && (c.status === 'reported' || c.status === 'registered')) actions.push('merge');

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/cases">
          <Button type="text" icon={<ArrowLeftOutlined />}>
            {t('case.back')}
          </Button>
        </Link>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <CaseHeader detail={c} />
            <CaseSummons summons={c.summons} />
            <Card size="small" title={t('case.actions')}>
              {actions.length === 0 ? (
                <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
              ) : (
                <Space wrap>
                  {actions.map((a) => (
                    <Button
                      key={a}
                      type={a !== 'merge' && PRIMARY.includes(a) ? 'primary' : 'default'}
                      danger={a !== 'merge' && DANGER.includes(a)}
                      onClick={() => setOpen(a)}
                      data-testid={TID.caseAction(a)}
                    >
                      {t(`action.${a}`)}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <CaseTimeline events={c.timeline} />
        </Col>
      </Row>
      {open && <ActionModal key={open} detail={c} action={open} onClose={() => setOpen(null)} />}
    </>
  );
}
