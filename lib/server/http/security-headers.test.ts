import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders, securitySettings } from "./security-headers";

const header = (headers: [string, string][], name: string) => headers.find(([key]) => key === name)?.[1];

describe("the security headers", () => {
  it("send HSTS and upgrade insecure requests only when the public URL is https", () => {
    for (const url of [undefined, "http://localhost:3000", "http://report.example.gov.cn"]) {
      const headers = securityHeaders("/login", "abc", securitySettings({ BETTER_AUTH_URL: url }));
      expect(header(headers, "Strict-Transport-Security"), url).toBeUndefined();
      expect(header(headers, "Content-Security-Policy"), url).not.toContain("upgrade-insecure-requests");
    }
    const headers = securityHeaders("/login", "abc", securitySettings({ BETTER_AUTH_URL: "https://report.example.gov.cn" }));
    expect(header(headers, "Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
    expect(header(headers, "Content-Security-Policy")).toContain("upgrade-insecure-requests");
  });

  it("allow scripts only by nonce (eval only in development), never inline", () => {
    const production = contentSecurityPolicy("n0nce", { https: false, development: false });
    expect(production).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic';");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("n0nce", { https: false, development: true })).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it("forbid storing signed-in API responses, not public downloads or pages", () => {
    const settings = { https: false, development: false };
    for (const path of ["/api/reports/r1", "/api/reports/r1/export/pdf", "/api/auth/get-session", "/api/auth"]) {
      expect(header(securityHeaders(path, "n", settings), "Cache-Control"), path).toBe("no-store");
    }
    for (const path of ["/api/public/reports/shili/2024/pdf", "/reports/shili", "/api/reportsx", "/login"]) {
      expect(header(securityHeaders(path, "n", settings), "Cache-Control"), path).toBeUndefined();
    }
  });

  it("make a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
