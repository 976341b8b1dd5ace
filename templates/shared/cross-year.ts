import type { RuleDef } from "../../lib/template/types";

/** C6: 二、上年结转 (year N) = 四、结转下年度继续办理 (year N−1), per column, across format changes. */
export const CARRY_OVER_RULE: RuleDef = {
  kind: "carry",
  id: "crossyear.carried-over",
  severity: "warning",
  table: "requests",
  row: "carried_over",
  previousRow: "carried_forward",
  name: "上年结转等于上年报告的结转下年度继续办理",
};
