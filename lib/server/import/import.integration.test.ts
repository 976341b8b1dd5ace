import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES, NOTHING_FOUND_MESSAGE } from "../../import/accept-import";
import { garbageBytes, legacyDocHeader, pdfWithoutText, seedText } from "../../import/fixtures/sample-files";
import { renderDocx } from "../../render/docx/render-docx";
import { prepareReport } from "../../report/prepare-report";
import { checkReport, countFindings } from "../../rules/check-report";
import { loadSeed } from "../../test-support/seeds";
import type { CurrentUser } from "../authz";
import { getPublishedReport } from "../public/published-reports";
import { createReport } from "../reports/create-report";
import { seedDemoWithOutsideReviewer } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { acceptImport } from "./accept-import";
import { discardImport } from "./discard-import";
import { getImportOrThrow, importContent, listImportAgencies } from "./import-access";
import { findImportOfPublishedReport, findImportOfReport, publicImportNote, readImportedFile } from "./imported-source";
import { listPendingImports } from "./list-imports";
import { loadImportReview } from "./load-import-review";
import { PASTED_FILENAME, uploadImport, type UploadSource } from "./upload-import";

/** The importer's "current year" in these tests: 2026, so 2025 and earlier are past years. */
const NOW = new Date("2026-03-01T08:00:00Z");
const utf8 = (text: string) => new TextEncoder().encode(text);

describeEachDatabase("import of published reports", (get) => {
  let u: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    // The demo data and lingshen, a reviewer of another tree (示例市公安局 is outside their scope).
    u = await seedDemoWithOutsideReviewer(db.prisma, auth);
  });

  const upload = (user: CurrentUser, agencyId: string, year: number, source: UploadSource) =>
    uploadImport(get().db.prisma, user, { agencyId, year, source }, NOW, { soffice: null });
  const counts = async () => {
    const { prisma } = get().db;
    return {
      uploads: await prisma.importedSource.count(),
      reports: await prisma.report.count(),
      audits: await prisma.auditEvent.count(),
    };
  };

  it("stores an upload with its bytes, hash and outcome, once, with its audit row", async () => {
    const { prisma } = get().db;
    const bytes = new Uint8Array(iconv.encode(seedText("004_f8f28e4c849350e4"), "gb18030"));
    const first = await upload(u.tianbao, "agency-police", 2020, { bytes, filename: "C:\\年报\\宿迁市公安局2020年报.txt" });
    expect(first.existing).toBe(false);
    const row = await prisma.importedSource.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ agencyId: "agency-police", year: 2020, filename: "宿迁市公安局2020年报.txt", sourceKind: "text", encoding: "gb18030", status: "PENDING", createdById: u.tianbao.id, reportId: null });
    expect(Buffer.from(row.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row.outcome).toMatchObject({ report: { agency: "宿迁市公安局", year: 2020, format: "2019" } });
    expect((row.document as { blocks: unknown[] }).blocks.length).toBeGreaterThan(20);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "import.upload", actorId: u.tianbao.id } });
    expect(audit.details).toMatchObject({ importId: first.id, agencyId: "agency-police", year: 2020, sourceKind: "text", sha256: row.sha256 });

    // The same file again while the first is pending: the same upload, no second row.
    const before = await counts();
    expect(await upload(u.tianbao, "agency-police", 2020, { bytes, filename: "again.txt" })).toEqual({ id: first.id, existing: true });
    expect(await counts()).toEqual(before);

    const pasted = await upload(u.tianbao, "agency-police", 2021, { text: seedText("003_5f1914cbe288c934").replace("现将", "现将\u000b") });
    const pastedRow = await prisma.importedSource.findUniqueOrThrow({ where: { id: pasted.id } });
    expect(pastedRow).toMatchObject({ filename: PASTED_FILENAME, sourceKind: "text" });
    expect(new TextDecoder().decode(pastedRow.bytes)).toContain("现将\n");
    expect((await listPendingImports(prisma, u.tianbao)).map((p) => p.id)).toEqual([pasted.id, first.id]);
  });

  it("parses Word files on the server like text", async () => {
    const { prisma } = get().db;
    const docx = new Uint8Array(await renderDocx(buildDocument(loadSeed("002_d477ee84c8f7efa5"))));
    const { id } = await upload(u.shenhe, "agency-ecology", 2020, { bytes: docx, filename: "六盘水.docx" });
    const row = await getImportOrThrow(prisma, u.shenhe, id);
    expect(row).toMatchObject({ sourceKind: "docx", encoding: null, agencyId: "agency-ecology" });
    expect((await importContent(prisma, row)).outcome).toMatchObject({ report: { agency: "六盘水市公安局", year: 2020 } });
  });

  it("refuses a file it cannot read, one over the limit or outside the user's scope, with a Chinese message and no row", async () => {
    const before = await counts();
    const refused = async (user: CurrentUser, agencyId: string, year: number, source: UploadSource, code: "INVALID" | "TOO_LARGE" | "NOT_FOUND", message: RegExp) =>
      expectAppError(upload(user, agencyId, year, source), code, message);

    await refused(u.tianbao, "agency-police", 2024, { bytes: pdfWithoutText(), filename: "扫描件.pdf" }, "INVALID", /没有文字层.*扫描件/);
    await refused(u.tianbao, "agency-police", 2024, { bytes: garbageBytes(), filename: "garbage.pdf" }, "INVALID", /不是有效的 PDF/);
    await refused(u.tianbao, "agency-police", 2024, { bytes: garbageBytes(), filename: "garbage.txt" }, "INVALID", /不是文本文件/);
    await refused(u.tianbao, "agency-police", 2024, { bytes: utf8("not a zip"), filename: "broken.docx" }, "INVALID", /无法读取该 DOCX 文件/);
    await refused(u.tianbao, "agency-police", 2024, { bytes: legacyDocHeader(), filename: "旧版.doc" }, "INVALID", /需要 LibreOffice/);
    await refused(u.tianbao, "agency-police", 2024, { bytes: utf8("x"), filename: "notes.odt" }, "INVALID", /不支持「\.odt」文件/);
    const nothing = await refused(u.tianbao, "agency-police", 2024, { text: "会议纪要：请各单位按时报送材料。" }, "INVALID", /未能从文件中读出年度报告的内容/);
    expect(nothing.message).toBe(NOTHING_FOUND_MESSAGE);
    expect(nothing.details).toMatchObject({ fieldErrors: { text: NOTHING_FOUND_MESSAGE } });
    await refused(u.tianbao, "agency-police", 2024, { text: "  \n " }, "INVALID", /请粘贴报告全文/);

    const tooLarge = await refused(u.tianbao, "agency-police", 2024, { bytes: new Uint8Array(MAX_IMPORT_FILE_BYTES + 1), filename: "big.pdf" }, "TOO_LARGE", /超过 20 MB/);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.message).toBe(FILE_TOO_LARGE_MESSAGE);

    await refused(u.tianbao, "agency-police", 2018, { text: seedText("003_5f1914cbe288c934") }, "INVALID", /2019 年至 2026 年/);
    await refused(u.tianbao, "agency-police", 2027, { text: seedText("003_5f1914cbe288c934") }, "INVALID", /2019 年至 2026 年/);
    // Scope: an editor imports for their own agency, a reviewer for their subtree.
    await refused(u.jiaoyu, "agency-police", 2024, { text: seedText("003_5f1914cbe288c934") }, "NOT_FOUND", /无权为其导入/);
    await refused(u.lingshen, "agency-police", 2024, { text: seedText("003_5f1914cbe288c934") }, "NOT_FOUND", /无权为其导入/);
    await refused(u.tianbao, "agency-nowhere", 2024, { text: seedText("003_5f1914cbe288c934") }, "NOT_FOUND", /无权为其导入/);
    expect(await counts()).toEqual(before);

    const { prisma } = get().db;
    expect((await listImportAgencies(prisma, u.tianbao)).map((a) => a.id)).toEqual(["agency-police"]);
    expect((await listImportAgencies(prisma, u.shenhe)).map((a) => a.id).sort()).toEqual(["agency-city", "agency-ecology", "agency-education", "agency-police"]);
    expect((await listImportAgencies(prisma, u.admin)).length).toBe(5);
  });

  it("accepts an upload as this year's draft with the corrected cells, in one transaction with its audit row", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.tianbao, "agency-police", 2025, { text: seedText("003_5f1914cbe288c934") });

    // Outside the scope an upload is not found, whatever is asked of it.
    for (const outsider of [u.jiaoyu, u.lingshen]) {
      await expectAppError(getImportOrThrow(prisma, outsider, id), "NOT_FOUND");
      await expectAppError(loadImportReview(prisma, outsider, id, NOW), "NOT_FOUND");
      await expectAppError(acceptImport(prisma, outsider, { importId: id, as: "DRAFT" }, NOW), "NOT_FOUND");
      await expectAppError(discardImport(prisma, outsider, { importId: id }, NOW), "NOT_FOUND");
      await expectAppError(readImportedFile(prisma, outsider, id), "NOT_FOUND");
    }
    const before = await counts();
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: id, as: "DRAFT", corrections: { "requests.nowhere.total": "1" } }, NOW), "INVALID", /不存在/);
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: id, as: "DRAFT", corrections: { "requests.received.natural_person": "x".repeat(61) } }, NOW), "INVALID", /natural_person/);
    expect(await counts()).toEqual(before);

    const review = await loadImportReview(prisma, u.tianbao, id, NOW);
    expect(review.options.DRAFT).toEqual({ allowed: true });
    expect(review.options.HISTORICAL).toEqual({ allowed: true });

    const result = await acceptImport(prisma, u.tianbao, { importId: id, as: "DRAFT", corrections: { "requests.received.natural_person": " 12 ", "requests.received.commercial": "" } }, NOW);
    expect(result).toMatchObject({ acceptedAs: "DRAFT", status: "DRAFT", versionId: null });
    const report = await prisma.report.findUniqueOrThrow({ where: { id: result.reportId } });
    expect(report).toMatchObject({ agencyId: "agency-police", year: 2025, status: "DRAFT", format: "2021", version: 1, updatedById: u.tianbao.id });
    const content = report.content as { agency: string; year: number; stated?: unknown; tables: { requests: { received: Record<string, unknown> } }; sections: { overview: unknown[] } };
    // The record's agency and year, not the file's (海东市公安局 2021); a draft keeps no stated claims.
    expect(content).toMatchObject({ agency: "示例市公安局", year: 2025 });
    expect(content.stated).toBeUndefined();
    expect(content.tables.requests.received.natural_person).toBe(12);
    expect(content.tables.requests.received.commercial).toBeNull();
    expect(content.sections.overview.length).toBeGreaterThan(0);
    expect(prepareReport(content).ok).toBe(true);
    expect(await prisma.reportVersion.count({ where: { reportId: report.id } })).toBe(0);
    expect(await prisma.publication.count({ where: { reportId: report.id } })).toBe(0);

    const row = await prisma.importedSource.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "ACCEPTED", acceptedAs: "DRAFT", reportId: report.id, decidedById: u.tianbao.id, acceptedAt: NOW });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "report.import", reportId: report.id } });
    expect(audit).toMatchObject({ actorId: u.tianbao.id, versionId: null });
    expect(audit.details).toMatchObject({ importId: id, acceptedAs: "DRAFT", corrected: 2, format: "2021" });
    expect(await findImportOfReport(prisma, report.id)).toMatchObject({ id, acceptedAs: "DRAFT" });

    // Decided once: neither accepting again nor discarding is possible.
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: id, as: "DRAFT" }, NOW), "CONFLICT", /已导入/);
    await expectAppError(discardImport(prisma, u.tianbao, { importId: id }, NOW), "CONFLICT", /已导入/);
    const decided = await loadImportReview(prisma, u.tianbao, id, NOW);
    expect(decided).toMatchObject({ status: "ACCEPTED", reportId: report.id, options: { DRAFT: { allowed: false }, HISTORICAL: { allowed: false } } });

    // A second upload for the same agency and year cannot become a second report.
    const again = await upload(u.tianbao, "agency-police", 2025, { text: seedText("002_d477ee84c8f7efa5") });
    expect((await loadImportReview(prisma, u.tianbao, again.id, NOW)).existingReportId).toBe(report.id);
    const beforeDuplicate = await counts();
    const duplicate = await expectAppError(acceptImport(prisma, u.tianbao, { importId: again.id, as: "DRAFT" }, NOW), "DUPLICATE", /示例市公安局 2025 年度报告已经存在/);
    expect(duplicate.details).toEqual({ reportId: report.id });
    expect(await counts()).toEqual(beforeDuplicate);
    expect((await prisma.importedSource.findUniqueOrThrow({ where: { id: again.id } })).status).toBe("PENDING");
    // This year's report is not published yet: it can only be a draft.
    const current = await upload(u.tianbao, "agency-police", 2026, { text: seedText("003_5f1914cbe288c934") });
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: current.id, as: "HISTORICAL" }, NOW), "INVALID", /只能作为草稿导入/);
    expect((await loadImportReview(prisma, u.tianbao, current.id, NOW)).options.HISTORICAL.allowed).toBe(false);
  });

  it("accepts an earlier year's report as published: report, frozen version, publication 1 and audit row; next year carries over from it", async () => {
    const { prisma } = get().db;
    const pending = await prisma.importedSource.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2020, status: "PENDING" } });
    const corrections = { "requests.carried_forward.natural_person": "5", "requests.carried_forward.commercial": "２" };
    const result = await acceptImport(prisma, u.tianbao, { importId: pending.id, as: "HISTORICAL", corrections }, NOW);
    expect(result).toMatchObject({ acceptedAs: "HISTORICAL", status: "PUBLISHED" });

    const report = await prisma.report.findUniqueOrThrow({ where: { id: result.reportId }, include: { versions: true, publications: true } });
    expect(report).toMatchObject({ agencyId: "agency-police", year: 2020, status: "PUBLISHED", format: "2019" });
    const content = report.content as { agency: string; stated?: { title?: string }; tables: { requests: { carried_forward: Record<string, unknown> } } };
    expect(content.agency).toBe("示例市公安局");
    // What the published text stated about itself stays with the historical record.
    expect(content.stated?.title).toContain("宿迁市公安局");
    expect(content.tables.requests.carried_forward).toMatchObject({ natural_person: 5, commercial: 2 });

    expect(report.versions).toHaveLength(1);
    const [version] = report.versions;
    const expected = countFindings(checkReport((prepareReport(report.content) as { ok: true; report: Parameters<typeof checkReport>[0] }).report));
    expect(version).toMatchObject({ number: 1, errorCount: expected.errors, warningCount: expected.warnings, submittedById: u.tianbao.id, content: report.content });
    expect(expected.errors + expected.warnings).toBeGreaterThan(0);
    expect(report.publications).toEqual([expect.objectContaining({ revision: 1, versionId: version.id, publishedById: u.tianbao.id, correctionNote: null })]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "report.import", reportId: report.id } });
    expect(audit).toMatchObject({ actorId: u.tianbao.id, versionId: version.id });
    expect(audit.details).toMatchObject({ importId: pending.id, acceptedAs: "HISTORICAL", errors: expected.errors, warnings: expected.warnings, corrected: 2 });

    // Public, and marked as imported, with the source file for signed-in users in scope.
    const published = await getPublishedReport(prisma, "shili-shi-gonganju", 2020);
    expect(published).toMatchObject({ revision: 1, content: report.content });
    expect(await findImportOfPublishedReport(prisma, "shili-shi-gonganju", 2020)).toMatchObject({ id: pending.id, agencyId: "agency-police" });
    expect(await findImportOfPublishedReport(prisma, "shili-shi-gonganju", 2019)).toBeNull();
    const sourceUrl = `/api/imports/${pending.id}/source`;
    expect(await publicImportNote(prisma, "shili-shi-gonganju", 2020, async () => null)).toEqual({});
    expect(await publicImportNote(prisma, "shili-shi-gonganju", 2020, async () => u.shenhe)).toEqual({ sourceUrl });
    expect(await publicImportNote(prisma, "shili-shi-gonganju", 2020, async () => u.admin)).toEqual({ sourceUrl });
    expect(await publicImportNote(prisma, "shili-shi-gonganju", 2020, async () => u.lingshen)).toEqual({});
    expect(await publicImportNote(prisma, "shili-shi-gonganju", 2021, async () => u.shenhe)).toBeNull();
    const file = await readImportedFile(prisma, u.shenhe, pending.id);
    expect(file).toMatchObject({ filename: "宿迁市公安局2020年报.txt", contentType: "text/plain; charset=gb18030" });
    expect(Buffer.from(file.bytes).equals(Buffer.from(pending.bytes))).toBe(true);

    // The first year in the system: next year's new report carries 结转下年度 into 上年结转.
    const next = await createReport(prisma, u.tianbao, 2021, NOW);
    expect((next.content as { tables: unknown }).tables).toEqual({ requests: { carried_over: { natural_person: 5, commercial: 2 } } });
  });

  it("lets a reviewer import for an agency of their subtree, and not outside it", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.shenhe, "agency-education", 2019, { text: seedText("000_dbcc449a2218d1f4") });
    await expectAppError(acceptImport(prisma, u.lingshen, { importId: id, as: "HISTORICAL" }, NOW), "NOT_FOUND");
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: id, as: "HISTORICAL" }, NOW), "NOT_FOUND");
    const result = await acceptImport(prisma, u.shenhe, { importId: id, as: "HISTORICAL" }, NOW);
    expect(await prisma.report.findUniqueOrThrow({ where: { id: result.reportId } })).toMatchObject({ agencyId: "agency-education", year: 2019, status: "PUBLISHED" });
    // The agency's own editor sees the source file of their report; other editors do not.
    expect((await readImportedFile(prisma, u.jiaoyu, id)).bytes.byteLength).toBeGreaterThan(1000);
    await expectAppError(readImportedFile(prisma, u.tianbao, id), "NOT_FOUND");
  });

  it("shows the source blocks with locations and highlights what has no place or was printed differently", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.shenhe, "agency-ecology", 2019, { text: seedText("000_dbcc449a2218d1f4") });
    const review = await loadImportReview(prisma, u.shenhe, id, NOW);
    expect(review).toMatchObject({ status: "PENDING", sourceKind: "text", agency: { id: "agency-ecology" }, year: 2019, imported: { agency: "石嘴山市公安局", year: 2019 } });
    expect(review.source.blocks.length).toBeGreaterThan(20);
    const elements = new Map<string, { mark?: string }>();
    for (const block of review.source.blocks) {
      elements.set(block.id, block);
      if (block.kind === "table") for (const row of block.rows) for (const cell of row) elements.set(cell.id!, cell);
    }
    expect(review.unplaced.length).toBeGreaterThan(0);
    for (const item of review.unplaced) {
      expect(item.location, item.text).toMatch(/^第 \d+ 行/);
      expect(elements.get(item.anchor!), item.text).toBeDefined();
    }
    expect(review.unplaced.some((item) => elements.get(item.anchor!)?.mark === "unplaced")).toBe(true);
    expect(review.deviations.length).toBeGreaterThan(0);
    expect(review.deviations.every((d) => d.anchor && elements.has(d.anchor) && d.kindLabel && d.whereLabel)).toBe(true);
    expect(review.provenance["agency"]?.anchor).toBeDefined();
  });

  it("discards a pending upload once, with its audit row", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.tianbao, "agency-police", 2024, { text: seedText("003_5f1914cbe288c934") });
    await expectAppError(discardImport(prisma, u.jiaoyu, { importId: id }, NOW), "NOT_FOUND");
    expect(await discardImport(prisma, u.tianbao, { importId: id }, NOW)).toEqual({ status: "DISCARDED" });
    expect(await prisma.importedSource.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DISCARDED", discardedAt: NOW, decidedById: u.tianbao.id, reportId: null });
    expect(await prisma.auditEvent.count({ where: { action: "import.discard", actorId: u.tianbao.id } })).toBe(1);
    await expectAppError(acceptImport(prisma, u.tianbao, { importId: id, as: "DRAFT" }, NOW), "CONFLICT", /已放弃/);
    expect(await prisma.report.count({ where: { agencyId: "agency-police", year: 2024 } })).toBe(0);
    expect((await listPendingImports(prisma, u.tianbao)).map((p) => p.id)).not.toContain(id);
  });

  it("lets only one of two simultaneous decisions on an upload succeed, leaving nothing of the other", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.tianbao, "agency-police", 2022, { text: seedText("003_5f1914cbe288c934") });
    const results = await Promise.allSettled([
      acceptImport(prisma, u.tianbao, { importId: id, as: "HISTORICAL" }, NOW),
      acceptImport(prisma, u.shenhe, { importId: id, as: "DRAFT" }, NOW),
      discardImport(prisma, u.tianbao, { importId: id }, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(["CONFLICT", "DUPLICATE"]).toContain((r.reason as { code?: string }).code);
    const row = await prisma.importedSource.findUniqueOrThrow({ where: { id } });
    const reports = await prisma.report.findMany({ where: { agencyId: "agency-police", year: 2022 }, include: { versions: true, publications: true } });
    if (row.status === "DISCARDED") expect(reports).toEqual([]);
    else {
      expect(reports).toHaveLength(1);
      expect(row.reportId).toBe(reports[0].id);
      expect(reports[0].versions).toHaveLength(row.acceptedAs === "HISTORICAL" ? 1 : 0);
      expect(await prisma.auditEvent.count({ where: { action: "report.import", reportId: reports[0].id } })).toBe(1);
    }
  });

  it("keeps an upload immutable in the database apart from its one decision", async () => {
    const { prisma } = get().db;
    const { id } = await upload(u.tianbao, "agency-police", 2023, { text: seedText("003_5f1914cbe288c934") });
    await expect(prisma.importedSource.update({ where: { id }, data: { filename: "changed.txt" } })).rejects.toThrow();
    await expect(prisma.importedSource.update({ where: { id }, data: { bytes: new Uint8Array([1]) } })).rejects.toThrow();
    await expect(prisma.importedSource.delete({ where: { id } })).rejects.toThrow();
    // A decision without its fields is refused by the CHECK constraint.
    await expect(prisma.importedSource.update({ where: { id }, data: { status: "ACCEPTED" } })).rejects.toThrow();
    await discardImport(prisma, u.tianbao, { importId: id }, NOW);
    await expect(prisma.importedSource.update({ where: { id }, data: { status: "PENDING", discardedAt: null, decidedById: null } })).rejects.toThrow();
    expect((await prisma.importedSource.findUniqueOrThrow({ where: { id } })).status).toBe("DISCARDED");
  });
});
