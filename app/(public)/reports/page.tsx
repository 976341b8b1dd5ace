import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { publicIndex, publishedYears, type IndexEntry } from "@/lib/public/public-index";
import { getPrisma } from "@/lib/server/db";
import { loadPublicAgencies } from "@/lib/server/public/public-index";
import { publicAgencyPath, publicReportPath } from "@/lib/server/public/public-params";

export const metadata: Metadata = {
  title: "政府信息公开工作年度报告 · 机关目录",
  description: "按机关层级列出已向社会公布政府信息公开工作年度报告的机关，可按机关名称和年度查找。",
};

type Props = { searchParams: Promise<{ q?: string | string[]; year?: string | string[] }> };

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 100) ?? "";
}

/** The entries below `parentId` among those shown, in their (tree) order. */
function childrenOf(entries: IndexEntry[], parentId: string | null, ids: Set<string>): IndexEntry[] {
  return entries.filter((e) => (e.parentId && ids.has(e.parentId) ? e.parentId : null) === parentId);
}

function AgencyTree({ entries, parentId, ids, year }: { entries: IndexEntry[]; parentId: string | null; ids: Set<string>; year?: number }) {
  const level = childrenOf(entries, parentId, ids);
  if (!level.length) return null;
  return (
    <ul className={parentId ? "mt-2 space-y-2 border-l border-border pl-4 sm:pl-6" : "space-y-3"}>
      {level.map((agency) => (
        <li key={agency.id}>
          {agency.context ? (
            <span className="text-muted-foreground">{agency.name}</span>
          ) : (
            <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
              <Link href={publicAgencyPath(agency.slug)} className="text-lg font-semibold underline underline-offset-4">
                {agency.name}
              </Link>
              <span className="flex flex-wrap gap-x-3 gap-y-1">
                {(year === undefined ? agency.years : [year]).map((y) => (
                  <Link key={y} href={publicReportPath(agency.slug, y)} className="underline underline-offset-4" aria-label={`${agency.name}${y}年度报告`}>
                    {y} 年度
                  </Link>
                ))}
              </span>
            </div>
          )}
          <AgencyTree entries={entries} parentId={agency.id} ids={ids} year={year} />
        </li>
      ))}
    </ul>
  );
}

/** /reports: the agencies that have published annual reports, as a tree, with search by name and year. */
export default async function PublicIndexPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = single(params.q);
  const yearText = single(params.year);
  const agencies = await loadPublicAgencies(await getPrisma());
  const years = publishedYears(agencies);
  const year = /^\d{4}$/.test(yearText) && years.includes(Number(yearText)) ? Number(yearText) : undefined;
  const entries = publicIndex(agencies, { q, year });
  const ids = new Set(entries.map((e) => e.id));
  const found = entries.filter((e) => !e.context).length;
  const searching = Boolean(q || year);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">政府信息公开工作年度报告</h1>
        <p className="text-muted-foreground">按机关层级列出已向社会公布年度报告的机关。点击机关名称查看该机关历年报告，点击年度直接阅读该年度报告。</p>
      </div>
      <form method="get" action="/reports" role="search" aria-label="查找年度报告" className="flex flex-wrap items-end gap-3 rounded-md border border-border bg-surface px-4 py-4">
        <div className="min-w-56 flex-1 space-y-1.5">
          <label htmlFor="index-q" className="block font-medium">
            机关名称
          </label>
          <Input id="index-q" name="q" type="search" defaultValue={q} placeholder="例如：公安局" maxLength={100} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="index-year" className="block font-medium">
            报告年度
          </label>
          <Select id="index-year" name="year" defaultValue={year ? String(year) : ""}>
            <option value="">全部年度</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y} 年度
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit">查找</Button>
        {searching && (
          <Link href="/reports" className="min-h-10 content-center underline underline-offset-4">
            显示全部
          </Link>
        )}
      </form>
      <p role="status" className="text-muted-foreground">
        {searching ? `找到 ${found} 个机关${q ? `（名称含「${q}」）` : ""}${year ? `（已发布 ${year} 年度报告）` : ""}。` : `共 ${found} 个机关已发布年度报告。`}
      </p>
      {found === 0 ? (
        <p className="rounded-md border border-border bg-surface px-5 py-4">{searching ? "没有符合条件的机关，请换个名称或年度再找。" : "暂无已发布的年度报告。"}</p>
      ) : (
        <nav aria-label="机关目录" className="rounded-md border border-border bg-surface px-5 py-4">
          <AgencyTree entries={entries} parentId={null} ids={ids} year={year} />
        </nav>
      )}
    </div>
  );
}
