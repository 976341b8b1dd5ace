/**
 * Whether a header link is the current section for a path: its own page and everything below it,
 * except that a report's review page (/workspace/reports/<id>/review) belongs to 审核队列
 * (/workspace/review), where the reviewer came from, not to the report list.
 */
export function isNavActive(href: string, pathname: string): boolean {
  const reviewPage = /^\/workspace\/reports\/[^/]+\/review(\/|$)/.test(pathname);
  if (reviewPage) return href === "/workspace/review";
  return pathname === href || pathname.startsWith(`${href}/`);
}
