// Shows a failed request's server message (and request id, for support) as an antd Alert.
import type { CSSProperties } from 'react';
import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from '../lib/api';
import { useT } from '../app/i18n';

type Props = { error: unknown; onRetry?: () => void; style?: CSSProperties };

export function ErrorAlert({ error, onRetry, style }: Props) {
  const t = useT();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12, ...style }}
      message={errorMessage(error)}
      description={requestId ? t('common.requestId', { id: requestId }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
