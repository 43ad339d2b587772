// A failed deliberation request as an alert: the server sends its field messages in the request's language
// (server/platform/detail-messages.ts), so they are shown as sent.
import { ErrorAlert } from '../../components/ErrorAlert';

export function DelibError({ error }: { error: unknown }) {
  return <ErrorAlert error={error} />;
}
