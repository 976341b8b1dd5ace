import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

/** The same words for a missing page and for one outside the user's scope (no hint it exists). */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-16 text-center">
      <p className="text-5xl font-semibold text-muted-foreground" aria-hidden="true">
        404
      </p>
      <h1 className="text-2xl font-semibold">找不到该页面</h1>
      <p className="text-muted-foreground">页面不存在，或者您没有访问它的权限。请检查网址，或回到报告列表。</p>
      <Link href="/workspace/reports" className={buttonClassName()}>
        返回我的报告
      </Link>
    </div>
  );
}
