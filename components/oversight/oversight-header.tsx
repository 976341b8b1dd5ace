import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ROLL_UP_BASES, ROLL_UP_BASIS_LABEL, type RollUpBasis } from "@/lib/oversight/roll-up";
import { cn } from "@/lib/utils/cn";

export type OversightTab = "status" | "roll-up" | "indicators";

const TABS: { id: OversightTab; href: string; label: string }[] = [
  { id: "status", href: "/workspace/oversight", label: "填报情况" },
  { id: "roll-up", href: "/workspace/oversight/roll-up", label: "数据汇总" },
  { id: "indicators", href: "/workspace/oversight/indicators", label: "指标对比" },
];

export interface OversightHeaderProps {
  tab: OversightTab;
  year: number;
  years: number[];
  under?: string;
  /** The parts of the scope the view can be narrowed to (top, then the agencies below it). */
  choices: { id: string; name: string; depth: 0 | 1 }[];
  /** The roll-up views choose the version each agency contributes. */
  basis?: RollUpBasis;
  /** What the selection is called, e.g. 示例市人民政府及下属机关. */
  title: string;
  children?: ReactNode;
}

/**
 * The title, the three views (填报情况 · 数据汇总 · 指标对比) and the selection every view shares —
 * year, part of the scope and (roll-up views) the versions — as a GET form, so each view is a
 * plain address that works without JavaScript and can be bookmarked or sent.
 */
export function OversightHeader({ tab, year, years, under, choices, basis, title, children }: OversightHeaderProps) {
  const keep = new URLSearchParams({ year: String(year) });
  if (under) keep.set("under", under);
  if (basis && basis !== "published") keep.set("basis", basis);
  const action = TABS.find((t) => t.id === tab)!.href;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">汇总与督办</h1>
          <p className="mt-1 text-muted-foreground">
            {title} · {year} 年度政府信息公开工作年度报告
          </p>
        </div>
        {children}
      </div>
      <nav aria-label="汇总与督办的视图">
        <ul className="flex flex-wrap gap-1 border-b border-border">
          {TABS.map((t) => (
            <li key={t.id}>
              <Link
                href={`${t.href}?${keep}`}
                aria-current={t.id === tab ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex min-h-10 items-center border-b-2 px-4 text-base no-underline",
                  t.id === tab ? "border-primary font-semibold text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={action} className="flex flex-wrap items-end gap-4" aria-label="年度和范围">
        <div className="space-y-1.5">
          <Label htmlFor="oversight-year">年度</Label>
          <Select id="oversight-year" name="year" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y} 年度
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-[14em] space-y-1.5">
          <Label htmlFor="oversight-under">范围</Label>
          <Select id="oversight-under" name="under" defaultValue={under ?? ""}>
            <option value="">全部（本机关及下属机关）</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.depth === 1 ? `　${c.name}及下属` : `${c.name}及下属`}
              </option>
            ))}
          </Select>
        </div>
        {basis && (
          <div className="space-y-1.5">
            <Label htmlFor="oversight-basis">采用的版本</Label>
            <Select id="oversight-basis" name="basis" defaultValue={basis}>
              {ROLL_UP_BASES.map((b) => (
                <option key={b} value={b}>
                  {ROLL_UP_BASIS_LABEL[b]}
                </option>
              ))}
            </Select>
          </div>
        )}
        <Button type="submit" variant="outline">
          查看
        </Button>
      </form>
    </div>
  );
}
