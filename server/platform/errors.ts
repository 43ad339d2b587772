// The one error type of the server, with stable codes and messages in the request's language.
import type { ErrorCode } from '../../contracts/errors';

export type Lang = 'zh-CN' | 'en';
export type FieldIssue = { path: string; message: string };

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  action_not_allowed: 409,
  duplicate_code: 409,
  invalid_move: 400,
  has_children: 409,
  invalid_geometry: 400,
  invalid_credentials: 401,
  account_locked: 423,
  password_change_required: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

const MESSAGES: Record<ErrorCode, Record<Lang, string>> = {
  bad_request: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  validation_failed: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in' },
  csrf_failed: { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page is stale; reload and try again' },
  forbidden: { 'zh-CN': '您没有权限进行此操作', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '找不到该记录，或您无权查看', en: 'Not found, or not visible to you' },
  conflict: { 'zh-CN': '记录已被他人修改或状态不允许此操作', en: 'The record changed or does not allow this now' },
  action_not_allowed: { 'zh-CN': '当前状态下不能进行此操作', en: 'This action is not available in the current state' },
  duplicate_code: { 'zh-CN': '编码已存在', en: 'This code is already taken' },
  invalid_move: { 'zh-CN': '不能移动到该位置', en: 'The node cannot be moved there' },
  has_children: { 'zh-CN': '该节点下仍有下级或关联记录，不能删除', en: 'The node still has children or records' },
  invalid_geometry: { 'zh-CN': '边界多边形无效', en: 'The boundary polygon is invalid' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed logins; the account is locked for a while',
  },
  password_change_required: { 'zh-CN': '请先修改初始密码', en: 'Change your initial password first' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  payload_too_large: { 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  unavailable: { 'zh-CN': '服务暂时不可用，请稍后重试', en: 'The service is temporarily unavailable' },
  internal: {
    'zh-CN': '服务器内部错误，请联系管理员并提供请求编号',
    en: 'Internal error; quote the request id to support',
  },
};

/** A failure with a stable code; the error handler turns it into an HTTP response. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldIssue[],
    readonly allowed?: string[],
    message?: string,
  ) {
    super(message ?? code);
    this.status = STATUS[code];
  }
}

/** Shorthand for a single-field validation error. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', [{ path, message }]);
}

export function messageFor(code: ErrorCode, lang: Lang): string {
  return MESSAGES[code][lang];
}

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh-CN';
}
