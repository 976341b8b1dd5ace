import { describe, expect, it } from "vitest";
import { nameSortKey } from "./name-sort-key";

const COLLATOR = new Intl.Collator("zh-CN");
/** Code-point order, as PostgreSQL compares text COLLATE "C" (UTF-8 bytes). */
const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};
const sign = (n: number) => Math.sign(n);

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

const HAN = "示例市省县区人民政府公安局教育卫生健康委员会财政厅民政司法自然资源住房和城乡建设交通运输水利农业农村商务文化旅游退役军人事务应急管理审计市场监督统计医疗保障林业草原信访东西南北中长重行银阿曾单解朴覃乐";
const OTHER = "0123456789ABCxyz（）()·-— 、";

describe("nameSortKey", () => {
  it("orders agency names as Intl.Collator('zh-CN') does, in code-point order", () => {
    const names = ["示例市人民政府", "示例市东区人民政府", "示例市东区教育局", "示例市公安局", "示例市教育局", "示例市生态环境局", "远方市人民政府", "阿", "重庆", "重庆市人民政府", "重庆市", "重大", "藏文", "西藏文化局", "藏区", "长沙", "行政", "银行", "冲", "虫"];
    const expected = [...names].sort(COLLATOR.compare);
    expect([...names].sort((a, b) => byCodePoint(nameSortKey(a), nameSortKey(b)))).toEqual(expected);
  });

  it("agrees with the collator on random names of Han characters, digits, Latin letters and punctuation", () => {
    const next = random(2026);
    const name = (alphabet: string) => Array.from({ length: 1 + next(12) }, () => alphabet[next(alphabet.length)]).join("");
    const alphabet = [...HAN];
    const mixed = [...HAN, ...OTHER];
    for (let i = 0; i < 4000; i++) {
      const [a, b] = i % 2 ? [name(mixed.join("")), name(mixed.join(""))] : [name(alphabet.join("")), name(alphabet.join(""))];
      // Common prefixes make the later characters and levels decide.
      const [x, y] = i % 3 === 0 ? [`示例市${a}`, `示例市${b}`] : [a, b];
      expect(sign(byCodePoint(nameSortKey(x), nameSortKey(y))), `${x} / ${y}`).toBe(sign(COLLATOR.compare(x, y)));
    }
  });

  it("separates case and width differences below the base letters, as the collator does", () => {
    const names = ["（一）办公室", "(一)办公室", "ab", "Ab", "aB", "a", "A", "b", "第2局", "第10局", "第１局"];
    const expected = [...names].sort(COLLATOR.compare);
    expect([...names].sort((a, b) => byCodePoint(nameSortKey(a), nameSortKey(b)))).toEqual(expected);
    expect(nameSortKey("示例")).toBe(nameSortKey("示例"));
  });

  it("places characters outside the BMP among the others", () => {
    const names = ["𠀀局", "一局", "丁局", "𪚥局"];
    const keys = names.map(nameSortKey);
    expect(new Set(keys).size).toBe(4);
  });
});
