// The one way the web talks to the server: JSON over fetch, cookies, CSRF header, language, typed errors.
import type { ErrorBody, ErrorCode } from '../../contracts/errors';

export type FieldIssue = { path: string; message: string };

/** A failed request, carrying the server's stable error code and request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly requestId: string | null,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type Settings = {
  csrfToken: string | null;
  language: string;
  onUnauthenticated: () => void;
};

const settings: Settings = {
  csrfToken: null,
  language: 'zh-CN',
  onUnauthenticated: () => {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`/login?next=${next}`);
  },
};

/** Remembers the CSRF token from the current Me so that every write carries it. */
export function setCsrfToken(token: string | null): void {
  settings.csrfToken = token;
}

/** Sets the Accept-Language sent with every request (the server localises error messages). */
export function setApiLanguage(language: string): void {
  settings.language = language;
}

/** Replaces what happens on a 401 (the app navigates to the login page without a reload). */
export function setUnauthenticatedHandler(handler: () => void): void {
  settings.onUnauthenticated = handler;
}

/** Builds `path?a=1&b=x`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Do not redirect to the login page on 401 (login and the Me probe handle it themselves). */
  allow401?: boolean;
  /** Extra headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
};

async function parseError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(res.status, error.code, error.message, error.requestId ?? null, error.details ?? []);
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'bad_request', `HTTP ${res.status}`, null);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': settings.language,
    ...options.headers,
  };
  const form = options.body instanceof FormData;
  // FormData sets its own multipart Content-Type (with the boundary).
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && settings.csrfToken) headers['X-CSRF-Token'] = settings.csrfToken;
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause), null);
  }
}

/** Sends one request and returns the parsed JSON body, or throws an ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, options);
  if (res.status === 403 && method !== 'GET') {
    const error = await parseError(res.clone());
    if (error.code === 'csrf_failed' && (await refreshCsrfToken())) res = await send(method, path, options);
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && !options.allow401) settings.onUnauthenticated();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GETs a file (e.g. an Excel export) as a Blob with the server's file name; errors arrive as ApiError like any request. */
export async function download(path: string, query?: Query): Promise<{ blob: Blob; filename: string }> {
  const res = await send('GET', path, { query });
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401) settings.onUnauthenticated();
    throw error;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { blob: await res.blob(), filename: utf8 ? decodeURIComponent(utf8) : (plain ?? 'download') };
}

/** After a session rotation the token may be stale: fetch Me once more and keep its token. */
async function refreshCsrfToken(): Promise<boolean> {
  const res = await send('GET', '/api/auth/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  if (!me.csrfToken) return false;
  settings.csrfToken = me.csrfToken;
  return true;
}

export const api = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs multipart form data (file uploads). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

/** The message to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  // A toast marks no field, so "check the marked fields" alone would leave the person guessing: name what is wrong.
  if (error instanceof ApiError && error.details.length > 0) {
    const zh = settings.language !== 'en';
    const details = [...new Set(error.details.map((d) => d.message))].join(zh ? '；' : '; ');
    return error.code === 'validation_failed' ? details : `${error.message}${zh ? '：' : ': '}${details}`;
  }
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Saves a Blob under a file name through a temporary link. */
export function saveBlob({ blob, filename }: { blob: Blob; filename: string }) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
