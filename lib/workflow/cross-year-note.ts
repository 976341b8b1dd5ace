/**
 * The line under every list of findings saying what the cross-year rules compared with: last
 * year's published (or approved) version by name, or that there was none (issue 14.2).
 */
export function crossYearNote(comparedWith: string | null): string {
  return comparedWith ? `对比：${comparedWith}。跨年数据已据此检查。` : "本机关上一年度没有已发布或审核通过的报告，未检查跨年数据。";
}
