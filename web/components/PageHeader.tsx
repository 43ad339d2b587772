// A page title with optional actions on the right; wraps under the title on phones.
import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';

type Props = { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode };

export function PageHeader({ title, extra, subtitle }: Props) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
      <div style={{ flex: '1 1 200px', minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}
