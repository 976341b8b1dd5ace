/** Times are shown in China Standard Time whatever the server's zone, e.g. 2026/3/5 14:08. */
export function formatDateTime(date: Date | string): string {
  return new Date(date).toLocaleString("zh-CN", {
    timeZone: "Asia/Shanghai",
    hour12: false,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A date in China Standard Time, e.g. 2026年1月20日 (publication dates). */
export function formatDate(date: Date | string): string {
  return new Date(date).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
}
