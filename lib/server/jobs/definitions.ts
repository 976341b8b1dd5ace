import "server-only";
import { bulkPublishedPdfJob } from "../oversight/bulk-export";
import type { JobDefinition } from "./job-definition";

/**
 * Every background job kind, by its stored name. A new kind is a definition (defineJob) in its
 * domain folder, listed here; the job service, the routes and the workers need no change.
 */
export const JOB_DEFINITIONS = {
  "bulk-published-pdf": bulkPublishedPdfJob,
} as const satisfies Record<string, JobDefinition>;

export type JobKind = keyof typeof JOB_DEFINITIONS;

export function isJobKind(value: string): value is JobKind {
  return Object.hasOwn(JOB_DEFINITIONS, value);
}

/** The definition of a stored kind, or null for a kind this code does not know (any more). */
export function jobDefinition(kind: string): JobDefinition | null {
  return isJobKind(kind) ? (JOB_DEFINITIONS[kind] as unknown as JobDefinition) : null;
}
