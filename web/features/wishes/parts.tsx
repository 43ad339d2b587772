// Small pieces of the wish pages: the status tag and the category label.
import { Tag } from 'antd';
import type { WishCategory, WishStatus } from '../../../contracts/wishes';
import { useT } from '../../app/i18n';

const COLOUR: Record<WishStatus, string> = {
  pending: 'gold',
  refused: 'default',
  open: 'blue',
  claimed: 'purple',
  delivered: 'cyan',
  fulfilled: 'green',
};

export function WishStatusTag({ status }: { status: WishStatus }) {
  const t = useT();
  return (
    <Tag color={COLOUR[status]} data-testid="wish-status" data-status={status}>
      {t(`wish.status.${status}`)}
    </Tag>
  );
}

export function useCategoryLabel() {
  const t = useT();
  return (c: WishCategory) => t(`wish.cat.${c}`);
}
