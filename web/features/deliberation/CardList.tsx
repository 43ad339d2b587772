// A column of cards with its empty state: antd's List puts its items in a <ul>, where a card (a <div>) may not stand.
import type { ReactNode } from 'react';
import { Empty, Spin } from 'antd';

export function CardList<T extends { id: number }>(props: {
  items: T[] | undefined;
  loading?: boolean;
  empty: string;
  render: (item: T) => ReactNode;
}) {
  if (props.loading) return <Spin />;
  if (!props.items?.length) return <Empty description={props.empty} />;
  return (
    <div>
      {props.items.map((i) => (
        <div key={i.id}>{props.render(i)}</div>
      ))}
    </div>
  );
}
