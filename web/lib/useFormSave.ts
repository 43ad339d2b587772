// Saving a form through a mutation: the success toast, then `done`; a refusal marks the fields it names, or is toasted.
import type { FormInstance } from 'antd';
import { applyServerErrors } from './formErrors';
import { useFeedback } from './useFeedback';

/**
 * Returns `save(run, okText, done)`: awaits `run`, shows `okText` and calls `done`; when the server refuses, its field
 * issues go onto `form` (through `fieldMap` where the API's field names differ from the form's), anything else is shown
 * as a message. The form stays open on a refusal.
 */
export function useFormSave(form: FormInstance, fieldMap: Record<string, string> = {}) {
  const feedback = useFeedback();
  return async (run: () => Promise<unknown>, okText: string, done: () => void) => {
    try {
      await run();
      feedback.ok(okText);
      done();
    } catch (error) {
      if (!applyServerErrors(form, error, fieldMap)) feedback.fail(error);
    }
  };
}
