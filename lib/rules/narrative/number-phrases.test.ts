import { describe, expect, it } from "vitest";
import { NARRATIVE_SUBJECTS } from "../../../templates/shared/narrative";
import { compactText } from "../describe";
import { chineseNumeral, parseClaims, type Claim } from "./number-phrases";

/** The claims of a sentence, in a compact form to compare: count `subject=value`, and the others. */
function read(sentence: string): string[] {
  const compact = compactText(sentence);
  return parseClaims(compact, NARRATIVE_SUBJECTS).map((claim: Claim) => {
    switch (claim.kind) {
      case "count":
        return `${claim.cells.join("+")}=${claim.value}`;
      case "parts":
        return `parts ${claim.parts.join("+")} of ${claim.total}`;
      case "share":
        return `share ${claim.of.subject.id} ${claim.percent}%`;
      case "change":
        return `change ${claim.of.subject.id} ${claim.value}${claim.unit === "percent" ? "%" : ""}`;
    }
  });
}

describe("count phrases: a subject, then its number and unit", () => {
  it("reads the official row wording and how people write it", () => {
    expect(read("本年新收政府信息公开申请数量23件。")).toEqual(["requests.received.total=23"]);
    expect(read("本年度共收到政府信息公开申请 23 件。")).toEqual(["requests.received.total=23"]);
    expect(read("2020年，市公安局共收到1件依申请公开申请。")).toEqual(["requests.received.total=1"]);
    expect(read("全年受理政府信息公开申请１２件。")).toEqual(["requests.received.total=12"]);
    expect(read("上年结转政府信息公开申请数量2件。")).toEqual(["requests.carried_over.total=2"]);
    expect(read("上年度结转申请3宗。")).toEqual(["requests.carried_over.total=3"]);
  });

  it("reads every result group, 2021's 其他处理 sub-rows and 结转下年度 (件, 宗, 起; Chinese numerals before 件)", () => {
    expect(read("予以公开20件，部分公开1件，不予公开3件，无法提供2件，不予处理1件，其他处理0件。")).toEqual([
      "requests.granted.total=20",
      "requests.partly_granted.total=1",
      "requests.withheld.total=3",
      "requests.unable.total=2",
      "requests.not_processed.total=1",
      "requests.other_all.total=0",
    ]);
    expect(read("申请人无正当理由逾期不补正的2件，逾期未按收费通知要求缴纳费用的一件。")).toEqual([
      "requests.other_no_correction.total=2",
      "requests.other_no_fee.total=1",
    ]);
    expect(read("办结申请25件，结转下年度继续办理两件。")).toEqual(["requests.total_processed.total=25", "requests.carried_forward.total=2"]);
    expect(read("答复申请人22件。")).toEqual(["requests.total_processed.total=22"]);
  });

  it("reads table 4: 行政复议, 行政诉讼 (both groups, or one), 被纠错 narrowed by what it follows", () => {
    expect(read("发生行政复议1件、行政诉讼2起。")).toEqual([
      "reviews.reconsideration.total=1",
      "reviews.litigation_direct.total+reviews.litigation_after_reconsideration.total=2",
    ]);
    expect(read("未经复议直接被提起行政诉讼1件，复议后被提起行政诉讼0件。")).toEqual([
      "reviews.litigation_direct.total=1",
      "reviews.litigation_after_reconsideration.total=0",
    ]);
    expect(read("被申请行政复议3件，被纠错1件。")).toEqual(["reviews.reconsideration.total=3", "reviews.reconsideration.corrected=1"]);
    expect(read("全年被纠错0件。")).toEqual([
      "reviews.reconsideration.corrected+reviews.litigation_direct.corrected+reviews.litigation_after_reconsideration.corrected=0",
    ]);
  });

  it("reads 条, 个 and 次 only right after their subject", () => {
    expect(read("予以公开3条，部分公开的2个。")).toEqual(["requests.granted.total=3", "requests.partly_granted.total=2"]);
    expect(read("共收到政府信息公开申请2个。")).toEqual(["requests.received.total=2"]);
    expect(read("收到群众咨询电话50次，政府信息公开申请另行统计。")).toEqual([]);
    expect(read("予以公开的信息已在网站发布300条。")).toEqual([]);
  });

  it("adds up parts only in the total's unit", () => {
    expect(read("共发布信息300条，其中网站200条、微博150条。")).toEqual(["parts 200+150 of 300"]);
    expect(read("共收到政府信息公开申请20件，其中涉及信息300条。")).toEqual(["requests.received.total=20"]);
  });

  it("gives 各 to every subject before it and 分别 in order", () => {
    expect(read("予以公开、部分公开各1件。")).toEqual(["requests.granted.total=1", "requests.partly_granted.total=1"]);
    expect(read("予以公开、不予公开分别为5件、2件。")).toEqual(["requests.granted.total=5", "requests.withheld.total=2"]);
  });

  it("reads no claim where a number is approximate, another unit, a year or a list marker", () => {
    expect(read("共收到政府信息公开申请100余件。")).toEqual([]);
    expect(read("收到政府信息公开申请约20件。")).toEqual([]);
    expect(read("收到政府信息公开申请10件左右。")).toEqual([]);
    expect(read("收到群众咨询50次，政府信息公开申请另计。")).toEqual([]);
    expect(read("一是予以公开的信息及时上网，二是2020年新收的申请均已办结。")).toEqual([]);
    // 答复 and 收到 name applications only in a sentence about applications.
    expect(read("厅长信箱转办答复129件、12345政府服务热线工单11885条。")).toEqual([]);
    expect(read("收到表扬信3件。")).toEqual([]);
  });
});

describe("totals and their parts", () => {
  it("reads 共N件（含上年结转M件） as received plus carried over, not as row 一 alone", () => {
    expect(read("共收到申请560件（含上年结转12件）。")).toEqual([
      "requests.received.total+requests.carried_over.total=560",
      "requests.carried_over.total=12",
    ]);
    expect(read("共受理政府信息公开申请30件，其中上年结转2件。")).toEqual([
      "requests.received.total+requests.carried_over.total=30",
      "requests.carried_over.total=2",
    ]);
  });

  it("adds up the parts after 其中 when they are of one kind", () => {
    expect(read("共收到政府信息公开申请20件，其中当面申请5件、网上申请16件。")).toEqual([
      "requests.received.total=20",
      "parts 5+16 of 20",
    ]);
    expect(read("办结政府信息公开申请20件，其中予以公开12件，不予公开3件，无法提供5件。")).toEqual([
      "requests.total_processed.total=20",
      "requests.granted.total=12",
      "requests.withheld.total=3",
      "requests.unable.total=5",
      "parts 12+3+5 of 20",
    ]);
  });

  it("stops the parts at a figure of another kind, and adds none up when one is approximate", () => {
    const claims = read("共收到申请20件，其中自然人申请18件、法人申请2件，已全部办结20件。");
    expect(claims).toContain("parts 18+2 of 20");
    expect(claims).toContain("requests.total_processed.total=20");
    expect(read("共收到申请20件，其中网上申请10余件、当面申请5件。").filter((c) => c.startsWith("parts"))).toEqual([]);
  });
});

describe("shares and changes", () => {
  it("reads 占比X% and 占…的X% as a share of the count before; a rate (率) is none", () => {
    expect(read("予以公开15件，占比75%。")).toEqual(["requests.granted.total=15", "share granted 75%"]);
    expect(read("不予公开3件，占办结总数的12.5%。")).toEqual(["requests.withheld.total=3", "share withheld 12.5%"]);
    expect(read("办结申请20件，按时办结率100%。")).toEqual(["requests.total_processed.total=20"]);
  });

  it("reads year-over-year changes (同比, 较上年, 比上年), a decrease as negative; a bare 增加 is none", () => {
    expect(read("收到政府信息公开申请120件，同比增长20%。")).toEqual(["requests.received.total=120", "change received 20%"]);
    expect(read("收到政府信息公开申请80件，较上年减少5件。")).toEqual(["requests.received.total=80", "change received -5"]);
    expect(read("收到政府信息公开申请80件，增加了网上申请渠道3件。")).toEqual(["requests.received.total=80"]);
  });
});

describe("chineseNumeral", () => {
  it("reads numerals up to 9999 and refuses digit strings", () => {
    expect([chineseNumeral("一"), chineseNumeral("十二"), chineseNumeral("二十"), chineseNumeral("一百零五"), chineseNumeral("两千三百")]).toEqual([1, 12, 20, 105, 2300]);
    expect(chineseNumeral("一二")).toBeUndefined();
    expect(chineseNumeral("")).toBeUndefined();
  });
});
