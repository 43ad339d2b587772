// The empty state used by tables and lists.
import { Empty } from 'antd';
import { useT } from '../app/i18n';

export function EmptyText({ description }: { description?: string }) {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.empty')} />;
}
