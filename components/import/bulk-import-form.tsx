"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILE_TEXT } from "@/lib/import/accept-import";
import { IMPORT_FILE_ACCEPT } from "@/lib/import/file-kinds";

interface AgencyOption {
  id: string;
  name: string;
}

/** One chosen file on the confirmation table. */
export interface BulkRow {
  key: string;
  filename: string;
  /** "" when no agency was matched (「未匹配」) and none chosen yet. */
  agencyId: string;
  /** "" when the parse found no year. */
  year: string;
  /** The import problems of the parse, or why the file could not be parsed. */
  problems: string[];
  /** Whether the file is uploaded on confirmation. */
  include: boolean;
}

/** One uploaded (or refused) file on the result table. */
export interface BulkResult {
  key: string;
  filename: string;
  agencyId: string;
  agencyName: string;
  year: string;
  ok: boolean;
  message?: string;
  url?: string;
  findings?: { errors: number; warnings: number };
  problems?: number;
}

interface ErrorAnswer {
  error?: { message?: string };
}

interface MatchAnswer extends ErrorAnswer {
  filename?: string;
  agency?: AgencyOption | null;
  year?: number | null;
  problems?: { message: string }[];
}

interface UploadAnswer extends ErrorAnswer {
  url?: string;
  findings?: { errors: number; warnings: number };
  problems?: number;
}

export interface BulkImportFormProps {
  /** The agencies in the user's scope (server-checked again on each upload). */
  agencies: AgencyOption[];
  /** Years offered, newest first. */
  years: number[];
}

const OFFLINE = "无法连接服务器，请检查网络后重试。";
const EXPIRED = "登录已过期，请重新登录。";

function failureMessage(status: number, answer: ErrorAnswer, fallback: string): string {
  if (status === 401) return EXPIRED;
  return answer.error?.message ?? fallback;
}

/** Whether a row can be uploaded: an agency and a year chosen. */
export function rowReady(row: BulkRow): boolean {
  return row.agencyId !== "" && row.year !== "";
}

/** The confirmation table: each chosen file with its proposed agency and year (both changeable) and the parse's problems. */
export function BulkConfirmTable({
  rows,
  agencies,
  years,
  disabled = false,
  onChange,
}: {
  rows: BulkRow[];
  agencies: AgencyOption[];
  years: number[];
  disabled?: boolean;
  onChange: (key: string, change: Partial<BulkRow>) => void;
}) {
  return (
    <div className="rounded-md border border-border bg-surface">
      <Table data-testid="bulk-confirm-table">
        <TableHeader>
          <TableRow>
            <TableHead>导入</TableHead>
            <TableHead>文件</TableHead>
            <TableHead>机关</TableHead>
            <TableHead>年度</TableHead>
            <TableHead>解析问题</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid="bulk-confirm-row">
              <TableCell>
                <input
                  type="checkbox"
                  className="size-5"
                  checked={row.include}
                  disabled={disabled}
                  aria-label={`导入 ${row.filename}`}
                  data-testid="bulk-include"
                  onChange={(event) => onChange(row.key, { include: event.target.checked })}
                />
              </TableCell>
              <TableCell className="min-w-[10em] break-all">{row.filename}</TableCell>
              <TableCell className="min-w-[12em]">
                <Select
                  value={row.agencyId}
                  disabled={disabled}
                  aria-label={`${row.filename} 的机关`}
                  data-testid="bulk-agency"
                  aria-invalid={row.include && row.agencyId === "" ? true : undefined}
                  onChange={(event) => onChange(row.key, { agencyId: event.target.value })}
                >
                  <option value="">未匹配</option>
                  {agencies.map((agency) => (
                    <option key={agency.id} value={agency.id}>
                      {agency.name}
                    </option>
                  ))}
                </Select>
              </TableCell>
              <TableCell>
                <Select
                  value={row.year}
                  disabled={disabled}
                  aria-label={`${row.filename} 的年度`}
                  data-testid="bulk-year"
                  aria-invalid={row.include && row.year === "" ? true : undefined}
                  onChange={(event) => onChange(row.key, { year: event.target.value })}
                >
                  <option value="">未识别</option>
                  {years.map((year) => (
                    <option key={year} value={year}>
                      {year} 年度
                    </option>
                  ))}
                </Select>
              </TableCell>
              <TableCell className="min-w-[14em]" data-testid="bulk-problems">
                {row.problems.length ? (
                  <ul className="list-disc space-y-1 pl-5 text-sm">
                    {row.problems.map((problem, i) => (
                      <li key={i}>{problem}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-muted-foreground">无</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The result table, grouped by agency: each file's status, finding counts and its review screen. */
export function BulkResultTable({ results }: { results: BulkResult[] }) {
  const groups = new Map<string, BulkResult[]>();
  for (const result of results) groups.set(result.agencyName, [...(groups.get(result.agencyName) ?? []), result]);
  return (
    <div className="space-y-6" data-testid="bulk-results">
      {[...groups].map(([agencyName, items]) => (
        <section key={agencyName} aria-label={agencyName} className="space-y-2" data-testid="bulk-result-agency">
          <h3 className="text-lg font-semibold">{agencyName}</h3>
          <div className="rounded-md border border-border bg-surface">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>文件</TableHead>
                  <TableHead>年度</TableHead>
                  <TableHead>状态</TableHead>
                  <TableHead>规则检查</TableHead>
                  <TableHead>解析问题</TableHead>
                  <TableHead>
                    <span className="sr-only">操作</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((item) => (
                  <TableRow key={item.key} data-testid="bulk-result-row">
                    <TableCell className="min-w-[10em] break-all">{item.filename}</TableCell>
                    <TableCell className="whitespace-nowrap">{item.year} 年度</TableCell>
                    <TableCell data-testid="bulk-result-status">
                      {item.ok ? (
                        <Badge variant="success">已上传待核对</Badge>
                      ) : (
                        <>
                          <Badge variant="danger">失败</Badge>
                          <span className="mt-1 block text-sm text-danger">{item.message}</span>
                        </>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap" data-testid="bulk-result-findings">
                      {item.findings ? `错误 ${item.findings.errors} 项，提示 ${item.findings.warnings} 项` : "—"}
                    </TableCell>
                    <TableCell className="whitespace-nowrap" data-testid="bulk-result-problems">
                      {item.problems === undefined ? "—" : `${item.problems} 项`}
                    </TableCell>
                    <TableCell>
                      {item.url && (
                        <Link href={item.url} className={buttonClassName({ variant: "outline", size: "sm" })}>
                          核对<span className="sr-only">{item.filename}</span>
                        </Link>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ))}
    </div>
  );
}

type Phase = "choose" | "matching" | "confirm" | "uploading" | "done";

/**
 * 批量导入已发布的年报: choose many files; each is parsed on the server (/api/imports/match, one
 * after another, nothing stored) and matched to an agency of the user's scope by the name it
 * gives; the user confirms or corrects agency and year per file; each confirmed file is then
 * uploaded as a single import (/api/imports) and the results are listed per agency with the
 * finding counts and a link to each review screen.
 */
export function BulkImportForm({ agencies, years }: BulkImportFormProps) {
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const files = useRef(new Map<string, File>());
  const [phase, setPhase] = useState<Phase>("choose");
  const [rows, setRows] = useState<BulkRow[]>([]);
  const [results, setResults] = useState<BulkResult[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);
  const yearOptions = new Set(years.map(String));

  async function matchFiles() {
    const list = [...(fileInput.current?.files ?? [])];
    if (!list.length) return setFailure("请选择要导入的文件。");
    setFailure(null);
    setPhase("matching");
    files.current = new Map();
    const next: BulkRow[] = [];
    for (const [i, file] of list.entries()) {
      setProgress(`正在解析 ${i + 1} / ${list.length}`);
      const key = `${i}-${file.name}`;
      files.current.set(key, file);
      const row: BulkRow = { key, filename: file.name, agencyId: "", year: "", problems: [], include: false };
      if (file.size > MAX_IMPORT_FILE_BYTES) {
        row.problems = [FILE_TOO_LARGE_MESSAGE];
      } else {
        try {
          const data = new FormData();
          data.set("file", file, file.name);
          const response = await fetch("/api/imports/match", { method: "POST", body: data });
          const answer = (await response.json().catch(() => ({}))) as MatchAnswer;
          if (!response.ok) {
            row.problems = [failureMessage(response.status, answer, "解析失败，请稍后重试。")];
          } else {
            row.filename = answer.filename ?? file.name;
            row.agencyId = answer.agency && agencies.some((a) => a.id === answer.agency!.id) ? answer.agency.id : "";
            row.year = answer.year != null && yearOptions.has(String(answer.year)) ? String(answer.year) : "";
            row.problems = (answer.problems ?? []).map((p) => p.message);
            row.include = rowReady(row);
          }
        } catch {
          row.problems = [OFFLINE];
        }
      }
      next.push(row);
      setRows([...next]);
    }
    setProgress(null);
    setPhase("confirm");
  }

  async function uploadConfirmed() {
    const chosenRows = rows.filter((row) => row.include);
    if (!chosenRows.length) return setFailure("请至少勾选一个要导入的文件。");
    if (chosenRows.some((row) => !rowReady(row))) return setFailure("勾选的文件须选择机关和年度；不导入的文件请取消勾选。");
    setFailure(null);
    setPhase("uploading");
    setChosen(chosenRows.length);
    const done: BulkResult[] = [];
    for (const [i, row] of chosenRows.entries()) {
      setProgress(`正在上传 ${i + 1} / ${chosenRows.length}`);
      const agencyName = agencies.find((a) => a.id === row.agencyId)?.name ?? "";
      const base = { key: row.key, filename: row.filename, agencyId: row.agencyId, agencyName, year: row.year };
      const file = files.current.get(row.key);
      try {
        if (!file) throw new Error("missing file");
        const data = new FormData();
        data.set("agencyId", row.agencyId);
        data.set("year", row.year);
        data.set("mode", "file");
        data.set("file", file, file.name);
        const response = await fetch("/api/imports", { method: "POST", body: data });
        const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
        if (response.ok && answer.url) done.push({ ...base, ok: true, url: answer.url, findings: answer.findings, problems: answer.problems });
        else done.push({ ...base, ok: false, message: failureMessage(response.status, answer, "上传失败，请稍后重试。") });
      } catch {
        done.push({ ...base, ok: false, message: OFFLINE });
      }
      setResults([...done]);
    }
    setProgress(null);
    setPhase("done");
  }

  function restart() {
    setRows([]);
    setResults([]);
    setFailure(null);
    setPhase("choose");
    files.current = new Map();
    if (fileInput.current) fileInput.current.value = "";
  }

  const busy = phase === "matching" || phase === "uploading";
  const okCount = results.filter((r) => r.ok).length;

  return (
    <div className="space-y-6">
      {(phase === "choose" || phase === "matching") && (
        <div className="space-y-3">
          <div className="space-y-1.5">
            <Label htmlFor={fileId}>选择文件（可多选）</Label>
            <input
              ref={fileInput}
              id={fileId}
              type="file"
              multiple
              accept={IMPORT_FILE_ACCEPT}
              disabled={busy}
              data-testid="bulk-files"
              aria-describedby={`${fileId}-hint`}
              onChange={() => setFailure(null)}
              className="block w-full text-base"
            />
            <p id={`${fileId}-hint`} className="text-sm text-muted-foreground">
              支持 .txt、.html、.htm、.docx、.doc、.pdf，每个文件不超过 {MAX_IMPORT_FILE_TEXT}。系统按文件中的机关名称匹配您负责范围内的机关，确认前不会保存任何内容。
            </p>
          </div>
          <Button type="button" size="lg" onClick={matchFiles} disabled={busy} data-testid="bulk-match">
            {phase === "matching" ? "正在解析…" : "解析并匹配机关"}
          </Button>
        </div>
      )}

      <div aria-live="polite" className="space-y-3">
        {progress && (
          <p className="font-medium" data-testid="bulk-progress">
            {progress}
          </p>
        )}
        {failure && (
          <Alert variant="danger" role="alert" data-testid="bulk-error">
            {failure}
          </Alert>
        )}
      </div>

      {(phase === "confirm" || phase === "uploading") && rows.length > 0 && (
        <section aria-labelledby="bulk-confirm-title" className="space-y-3">
          <h2 id="bulk-confirm-title" className="text-xl font-semibold">
            确认机关和年度
          </h2>
          <p className="text-muted-foreground">请核对每个文件匹配到的机关和年度，未匹配的请选择；不导入的文件取消勾选。确认后逐个上传，每个文件都要在核对页面确认后才会导入。</p>
          <BulkConfirmTable
            rows={rows}
            agencies={agencies}
            years={years}
            disabled={busy}
            onChange={(key, change) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)))}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="button" size="lg" onClick={uploadConfirmed} disabled={busy} data-testid="bulk-confirm">
              {phase === "uploading" ? "正在上传…" : `确认并上传（${rows.filter((r) => r.include).length} 个文件）`}
            </Button>
            <Button type="button" variant="outline" size="lg" onClick={restart} disabled={busy} data-testid="bulk-restart">
              重新选择文件
            </Button>
          </div>
        </section>
      )}

      {phase === "done" && (
        <section aria-labelledby="bulk-results-title" className="space-y-3">
          <h2 id="bulk-results-title" className="text-xl font-semibold">
            上传结果
          </h2>
          <p data-testid="bulk-summary">
            共 {chosen} 个文件，已上传 {okCount} 个，失败 {chosen - okCount} 个。请逐个核对后导入。
          </p>
          <BulkResultTable results={results} />
          <Button type="button" variant="outline" onClick={restart} data-testid="bulk-restart">
            继续批量导入
          </Button>
        </section>
      )}
    </div>
  );
}
