import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { pagerNumbers } from "@/lib/paging/paging";

export interface PagerProps {
  page: number;
  pageCount: number;
  /** The address of page n, with the list's filters kept. */
  href: (page: number) => string;
  /** What the pages are of, for screen readers (e.g. 「审核队列」). */
  label: string;
}

/**
 * 上一页 · 1 … 8 9 10 11 12 … 30 · 下一页, as plain links (works without JavaScript). Nothing
 * when everything fits on one page. A server component: `href` is called while rendering.
 */
export function Pager({ page, pageCount, href, label }: PagerProps) {
  if (pageCount <= 1) return null;
  const step = (target: number, text: string, rel: "prev" | "next") =>
    target < 1 || target > pageCount ? (
      <span aria-disabled="true" className={buttonClassName({ variant: "outline", size: "sm" })}>
        {text}
      </span>
    ) : (
      <Link href={href(target)} rel={rel} className={buttonClassName({ variant: "outline", size: "sm" })}>
        {text}
      </Link>
    );
  return (
    <nav aria-label={`${label}分页`} className="flex flex-wrap items-center gap-2">
      {step(page - 1, "上一页", "prev")}
      {pagerNumbers(page, pageCount).map((n, i) =>
        n === null ? (
          <span key={`gap-${i}`} className="px-1 text-muted-foreground" aria-hidden="true">
            …
          </span>
        ) : n === page ? (
          <span key={n} aria-current="page" className={buttonClassName({ variant: "primary", size: "sm", className: "min-w-9" })}>
            <span className="sr-only">第 </span>
            {n}
            <span className="sr-only"> 页（当前）</span>
          </span>
        ) : (
          <Link key={n} href={href(n)} className={buttonClassName({ variant: "outline", size: "sm", className: "min-w-9" })}>
            <span className="sr-only">第 </span>
            {n}
            <span className="sr-only"> 页</span>
          </Link>
        ),
      )}
      {step(page + 1, "下一页", "next")}
    </nav>
  );
}
