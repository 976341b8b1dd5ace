import { describe, expect, it } from "vitest";
import { traceVersions } from "./version-trace";

describe("traceVersions", () => {
  it("attributes saves, submission, decision and publication to the version they concern", () => {
    const versions = [
      { id: "v1", number: 1 },
      { id: "v2", number: 2 },
    ];
    // Newest first, as listAuditTrail returns them.
    const events = [
      { at: "2026-01-09T00:00:00Z", action: "report.publish", actor: "沈禾", versionId: "v2", details: { correctionNote: null } },
      { at: "2026-01-08T00:00:00Z", action: "report.approve", actor: "沈禾", versionId: null },
      { at: "2026-01-07T00:00:00Z", action: "report.submit", actor: "田宝", versionId: "v2" },
      { at: "2026-01-06T00:00:00Z", action: "report.save", actor: "李四", versionId: null },
      { at: "2026-01-05T00:00:00Z", action: "comment.create", actor: "沈禾", versionId: "v1" },
      { at: "2026-01-04T00:00:00Z", action: "report.return", actor: "沈禾", versionId: null, details: { reason: "表三有空白" } },
      { at: "2026-01-03T00:00:00Z", action: "report.submit", actor: "田宝", versionId: "v1" },
      { at: "2026-01-02T00:00:00Z", action: "report.save", actor: "田宝", versionId: null },
      { at: "2026-01-01T12:00:00Z", action: "report.save", actor: "李四", versionId: null },
      { at: "2026-01-01T00:00:00Z", action: "report.create", actor: "田宝", versionId: null },
    ];
    const [v2, v1] = traceVersions(versions, events);
    expect(v1).toMatchObject({ number: 1, writers: ["李四", "田宝"], submittedBy: "田宝", decision: { kind: "returned", by: "沈禾", reason: "表三有空白" }, published: [] });
    expect(v2).toMatchObject({ number: 2, writers: ["李四"], submittedBy: "田宝", decision: { kind: "approved", by: "沈禾", reason: null } });
    expect(v2.published).toEqual([{ by: "沈禾", at: new Date("2026-01-09T00:00:00Z"), correctionNote: null }]);
  });

  it("names the submitter as writer when nothing was saved in between, and leaves undecided versions open", () => {
    const [v1] = traceVersions([{ id: "v1", number: 1 }], [{ at: "2026-01-03T00:00:00Z", action: "report.submit", actor: "田宝", versionId: "v1" }]);
    expect(v1).toMatchObject({ writers: ["田宝"], decision: null, published: [] });
  });
});
