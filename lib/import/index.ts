/**
 * Import of published reports (issue 9): one intermediate (intermediate.ts), one parser per
 * source kind (text/), one mapper (map/) into the interchange JSON.
 */
export { importReport } from "./import-report";
export type { Block, GridCell, ImportDocument, SourceKind, SourceLocation } from "./intermediate";
export { describeLocation } from "./intermediate";
export { parseText } from "./text/parse-text";
export { mapDocument } from "./map/map-document";
export type {
  Deviation,
  DeviationKind,
  ImportedReport,
  ImportOutcome,
  ImportProblem,
  ImportSource,
  Unplaced,
  UnplacedReason,
} from "./types";
