// Keyset pagination cursors: opaque base64url JSON of the last row's sort key.
import { AppError } from './errors';

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a tampered cursor is a 400, not a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'string' || typeof x === 'number'))
      return v;
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);
}

/** Splits a fetched page of limit+1 rows into the page and the next cursor. */
export function page<T>(rowsPlusOne: T[], limit: number, key: (row: T) => (string | number)[]) {
  const items = rowsPlusOne.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rowsPlusOne.length > limit && last ? encodeCursor(key(last)) : null };
}
