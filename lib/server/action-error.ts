import "server-only";
import { AppError, UNEXPECTED_MESSAGE } from "./errors";

/** What a server action returns when it fails: a Chinese message, and field errors for forms. */
export interface ActionFailure {
  ok: false;
  message: string;
  /** Field name → Chinese message, shown next to the field. */
  fieldErrors?: Record<string, string>;
  code?: string;
  /** Extra data from the error, e.g. the existing report's id on a DUPLICATE. */
  details?: Record<string, unknown>;
}

/**
 * Maps an error thrown inside an action: expected errors keep their Chinese message, anything
 * else is logged and replaced by the generic message (never an internal error's text).
 */
export function actionFailure(error: unknown): ActionFailure {
  if (error instanceof AppError) {
    const { fieldErrors, ...details } = (error.details ?? {}) as { fieldErrors?: Record<string, string> };
    return { ok: false, code: error.code, message: error.message, ...(fieldErrors && { fieldErrors }), ...(Object.keys(details).length > 0 && { details }) };
  }
  console.error("[gov-report] unexpected error in a server action", error);
  return { ok: false, message: UNEXPECTED_MESSAGE };
}

/** The state of a form whose action either succeeds with a message or fails with field errors. */
export type FormActionState = { ok: true; message: string } | ActionFailure | null;
