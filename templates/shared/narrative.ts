import type { NarrativeClaimDef } from "../../lib/template/types";

/**
 * Figures that narratives commonly state about table 3 and table 4 (C20). A number in words
 * such as 共收到政府信息公开申请23件 must equal the table; a mismatch is a warning quoting the
 * sentence.
 */
export const NARRATIVE_CLAIMS: NarrativeClaimDef[] = [
  {
    id: "received",
    pattern: "(?:收到|受理|新收)(?:各类)?(?:政府信息公开|依申请公开|信息公开)?申请\\s*(\\d+)\\s*件",
    cell: "requests.received.total",
    name: "本年新收申请数",
  },
  {
    id: "received-after",
    pattern: "(?:收到|受理|新收)\\s*(\\d+)\\s*(?:件|个)(?:政府信息公开|依申请公开|信息公开)",
    cell: "requests.received.total",
    name: "本年新收申请数",
  },
  { id: "carried-over", pattern: "上年结转\\s*(\\d+)\\s*件", cell: "requests.carried_over.total", name: "上年结转申请数" },
  { id: "granted", pattern: "予以公开\\s*(\\d+)\\s*件", cell: "requests.granted.total", name: "予以公开数" },
  { id: "partly-granted", pattern: "部分公开\\s*(\\d+)\\s*件", cell: "requests.partly_granted.total", name: "部分公开数" },
  { id: "withheld", pattern: "不予公开\\s*(\\d+)\\s*件", cell: "requests.withheld.total", name: "不予公开数" },
  { id: "unable", pattern: "无法提供\\s*(\\d+)\\s*件", cell: "requests.unable.total", name: "无法提供数" },
  { id: "not-processed", pattern: "不予处理\\s*(\\d+)\\s*件", cell: "requests.not_processed.total", name: "不予处理数" },
  {
    id: "carried-forward",
    pattern: "结转(?:至)?下(?:一)?年度(?:继续办理)?\\s*(\\d+)\\s*件",
    cell: "requests.carried_forward.total",
    name: "结转下年度数",
  },
];

/** Wording of the 2008-era report format (seed 001, S20): a sign the template is outdated. */
export const OUTDATED_PHRASES = [
  "依申请公开政府信息情况",
  "因政府信息公开申请引起行政复议和提起行政诉讼情况",
  "因政府信息公开申请提起行政复议、行政诉讼的情况",
  "政府信息公开的收费及减免情况",
  "信息公开的收费及减免情况",
];

/** The five 总体情况 topics named by the 2021 notice (国办公开办函〔2021〕30号). */
export const OVERVIEW_TOPICS = [
  { title: "主动公开", recognisedBy: ["主动公开"] },
  { title: "依申请公开", recognisedBy: ["依申请", "申请公开"] },
  { title: "政府信息管理", recognisedBy: ["信息管理"] },
  { title: "政府信息公开平台建设", recognisedBy: ["平台"] },
  { title: "监督保障", recognisedBy: ["监督", "保障"] },
];
