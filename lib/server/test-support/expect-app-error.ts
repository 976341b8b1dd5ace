import { expect } from "vitest";
import { AppError, type AppErrorCode } from "../errors";

/** Awaits a promise that must fail with an AppError of this code; returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode, message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

/** The per-field messages an AppError carries for a form. */
export function fieldErrorsOf(error: AppError): Record<string, string> {
  return ((error.details ?? {}) as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
}
