import { describe, expect, it } from "vitest";
import { actionBodyRefusal, actionHeaderRefusal, MAX_ACTION_BODY_BYTES, urlRefusal } from "./request-guard";

describe("urlRefusal", () => {
  it("lets ordinary URLs through, Chinese and encoded ones included", () => {
    for (const url of [
      "http://localhost:3000/",
      "http://localhost:3000/reports/shili-shi-gonganju/2023?revision=2",
      "http://localhost:3000/workspace/review?q=%E5%85%AC%E5%AE%89&year=2024",
      "/api/reports/3f2c9a1e-0000-4000-8000-000000000000",
      "/workspace/review?q=a+b",
    ]) {
      expect(urlRefusal(url), url).toBeNull();
    }
  });

  it("refuses NUL, control characters, bad percent-encoding and non-UTF-8 bytes with 404", () => {
    for (const url of ["/api/reports/%00", "/api/reports/%ZZ", "/reports/%00/2023", "/workspace/reports/%ZZ/preview", "/api/reports/%C3%28", "/x?year=%00", "/x?q=%1b", "/x?%00=1", "/a%2", "/a\u0001b"]) {
      expect(urlRefusal(url)?.status, url).toBe(404);
    }
  });
});

describe("server action requests", () => {
  const headers = (extra: Record<string, string>) => new Headers({ host: "localhost:3000", "next-action": "abc", ...extra });

  it("refuses another origin, and a missing one, with 403", () => {
    expect(actionHeaderRefusal(headers({ origin: "http://localhost:3000" }))).toBeNull();
    expect(actionHeaderRefusal(headers({ origin: "http://evil.example" }))?.status).toBe(403);
    expect(actionHeaderRefusal(headers({ origin: "null" }))?.status).toBe(403);
    expect(actionHeaderRefusal(headers({}))?.status).toBe(403);
    expect(actionHeaderRefusal(headers({ origin: "https://gov.example", "x-forwarded-host": "gov.example" }))).toBeNull();
  });

  it("refuses bodies over the limit with 413", () => {
    expect(actionHeaderRefusal(headers({ origin: "http://localhost:3000", "content-length": String(MAX_ACTION_BODY_BYTES + 1) }))?.status).toBe(413);
    expect(actionBodyRefusal("text/plain;charset=UTF-8", `["${"a".repeat(MAX_ACTION_BODY_BYTES)}"]`)?.status).toBe(413);
  });

  it("refuses arguments that are not a JSON array with 400, and leaves multipart to Next", () => {
    expect(actionBodyRefusal("text/plain;charset=UTF-8", '[{"reportId":"r1"}]')).toBeNull();
    for (const body of ["null", "1", '"x"', "{}", "[", ""]) expect(actionBodyRefusal("text/plain", body)?.status, body).toBe(400);
    expect(actionBodyRefusal("multipart/form-data; boundary=x", "--x--")).toBeNull();
  });

  it("refuses references to chunks a text body cannot have, and lets escaped and self-contained values through", () => {
    expect(actionBodyRefusal("text/plain", '[{"reportId":"r1","quote":"$undefined","body":"$$5 元","n":"$NaN","d":"$D2026-01-01T00:00:00.000Z"}]')).toBeNull();
    for (const body of ['[{"version":["$%%U@~x7)"]}]', '["$@1"]', '[{"a":"$K2"}]', '[{"$ref":1}]', '[["$Q3"]]']) expect(actionBodyRefusal("text/plain", body)?.status, body).toBe(400);
  });
});
