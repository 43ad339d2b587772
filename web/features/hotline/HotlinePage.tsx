// The operator page of the 12345 hotline: one route, five tabs (work orders, import, unresolved queue, rates, approvals).
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ImportTab } from './ImportTab';
import { OrdersTab } from './OrdersTab';
import { QueueTab } from './QueueTab';
import { RatesTab } from './RatesTab';
import { UnreasonableTab } from './UnreasonableTab';

const TABS = ['orders', 'import', 'queue', 'rates', 'unreasonable'] as const;
type Tab = (typeof TABS)[number];

export function HotlinePage() {
  const t = useT();
  // The tab lives in the URL, so a link (or the back button) brings a person to the same tab.
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'orders';
  return (
    <>
      <PageHeader title={t('hotline.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'orders', label: t('hotline.tab.orders'), children: <OrdersTab /> },
          { key: 'import', label: t('hotline.tab.import'), children: <ImportTab /> },
          { key: 'queue', label: t('hotline.tab.queue'), children: <QueueTab /> },
          { key: 'rates', label: t('hotline.tab.rates'), children: <RatesTab /> },
          { key: 'unreasonable', label: t('hotline.tab.unreasonable'), children: <UnreasonableTab /> },
        ]}
      />
    </>
  );
}
