// Toasts for the result of an action: success text, or the server's error message.
import { App } from 'antd';
import { errorMessage } from './api';

/** Returns `ok(text)` and `fail(error)` that show antd messages in the current locale context. */
export function useFeedback() {
  const { message } = App.useApp();
  return {
    ok: (text: string) => void message.success(text),
    fail: (error: unknown) => void message.error(errorMessage(error), 5),
  };
}
