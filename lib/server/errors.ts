import "server-only";
/**
 * Expected failures of server operations. Each code has a Chinese message for users and an HTTP
 * status; anything else is unexpected and gets a generic message plus a log entry.
 */
export type AppErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "DUPLICATE" | "TOO_LARGE";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 400,
  DUPLICATE: 409,
  TOO_LARGE: 413,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: "请先登录。",
  NOT_FOUND: "找不到该内容，或您无权访问。",
  FORBIDDEN: "您没有执行此操作的权限。",
  CONFLICT: "内容已被他人修改。",
  INVALID: "提交的内容不正确。",
  DUPLICATE: "该记录已存在。",
  TOO_LARGE: "提交的内容过大。",
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    /** Extra data for the client, e.g. the current version on a conflict or input issues. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const UNEXPECTED_MESSAGE = "系统出现意外错误，请稍后重试；如果问题持续，请联系管理员。";

/** A JSON response for an error: expected ones with their message, unexpected ones generic and logged. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: error.status });
  }
  console.error("[gov-report] unexpected error", error);
  return Response.json({ error: { code: "UNEXPECTED", message: UNEXPECTED_MESSAGE } }, { status: 500 });
}
