// Puts a server validation error's field issues onto the matching antd form fields.
import type { FormInstance } from 'antd';
import { ApiError } from './api';

/** Marks fields named in `error.details[].path` (e.g. "name" or "bindings.0.nodeId"); returns whether any matched. */
export function applyServerErrors(form: FormInstance, error: unknown, fieldMap: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.details
    .map((issue) => {
      const path = (fieldMap[issue.path] ?? issue.path)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      return { name: path, errors: [issue.message] };
    })
    .filter((field) => known.has(String(field.name[0])));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}
