import Link from "next/link";
import { Button, buttonClassName } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { OversightParams } from "@/lib/server/oversight/parse-oversight-params";
import { AGENCY_KINDS, agencyKindLabel } from "@/lib/workflow/deadline";
import { PROGRESS_STATUSES, progressStatusLabel } from "@/lib/workflow/report-status";

const SORT_LABELS: Record<NonNullable<OversightParams["filter"]["sort"]>, string> = {
  tree: "机关层级顺序",
  daysLeft: "距截止日期（最紧急在前）",
  status: "状态",
  errors: "检查错误（最多在前）",
  lastChange: "最后修改时间（最早在前）",
  name: "机关名称",
};

const LEVEL_LABELS = ["本级", "下一级", "下两级", "下三级", "下四级"];

/** The status list's filters as a GET form (works without JavaScript; the address keeps them). */
export function StatusFilterForm({ params }: { params: OversightParams }) {
  const { filter } = params;
  const chosen = new Set(filter.status ?? []);
  const clear = new URLSearchParams({ year: String(params.year) });
  if (params.under) clear.set("under", params.under);
  const active = params.query.toString() !== clear.toString();
  return (
    <form method="get" action="/workspace/oversight" className="space-y-4 rounded-md border border-border bg-surface p-4" aria-label="筛选和排序">
      <input type="hidden" name="year" value={params.year} />
      {params.under && <input type="hidden" name="under" value={params.under} />}
      <fieldset>
        <legend className="mb-1.5 text-base font-medium">状态</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {PROGRESS_STATUSES.map((status) => (
            <label key={status} className="inline-flex min-h-8 items-center gap-2">
              <input type="checkbox" name="status" value={status} defaultChecked={chosen.has(status)} className="size-4" />
              {progressStatusLabel(status)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))]">
        <div className="space-y-1.5">
          <Label htmlFor="filter-q">机关名称</Label>
          <Input id="filter-q" name="q" type="search" defaultValue={filter.search ?? ""} placeholder="输入名称的一部分" maxLength={50} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="filter-kind">机关类型</Label>
          <Select id="filter-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">全部类型</option>
            {AGENCY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {agencyKindLabel(kind)}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="filter-level">层级</Label>
          <Select id="filter-level" name="level" defaultValue={filter.depth === undefined ? "" : String(filter.depth)}>
            <option value="">全部层级</option>
            {LEVEL_LABELS.map((label, depth) => (
              <option key={depth} value={depth}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="filter-overdue">是否逾期</Label>
          <Select id="filter-overdue" name="overdue" defaultValue={filter.overdue === undefined ? "" : filter.overdue ? "1" : "0"}>
            <option value="">不限</option>
            <option value="1">已逾期（未按期发布）</option>
            <option value="0">未逾期</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="filter-sort">排序</Label>
          <Select id="filter-sort" name="sort" defaultValue={filter.sort ?? "tree"}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <label className="inline-flex min-h-8 items-center gap-2">
          <input type="checkbox" name="desc" value="1" defaultChecked={filter.descending} className="size-4" />
          倒序
        </label>
        {params.basis !== "published" && <input type="hidden" name="basis" value={params.basis} />}
        <Button type="submit">筛选</Button>
        {active && (
          <Link href={`/workspace/oversight?${clear}`} className={buttonClassName({ variant: "outline" })}>
            清除筛选
          </Link>
        )}
      </div>
    </form>
  );
}
