import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientAddress, forwardedHttps, secureSetCookies, trustedProxyHops, withClientAddress } from "./client-address";

const headers = (init: Record<string, string>) => new Headers(init);

describe("trustedProxyHops (GOV_REPORT_TRUSTED_PROXY_HOPS)", () => {
  it("is 0 unless set, and accepts small whole numbers only", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "yes", "11"]) expect(() => trustedProxyHops(bad)).toThrow(/GOV_REPORT_TRUSTED_PROXY_HOPS/);
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For without trusted proxies, whatever the client writes", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.7" }), 0)).toBeNull();
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" }), 0)).toBeNull();
  });

  it("takes the entry the outermost of N trusted proxies wrote, not what the client prepended", () => {
    const chain = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" });
    expect(clientAddress(chain, 1)).toBe("10.0.0.2");
    expect(clientAddress(chain, 2)).toBe("203.0.113.5");
    expect(clientAddress(chain, 3)).toBe("6.6.6.6");
    // Fewer entries than proxies: the request did not pass them all, so no address is trusted.
    expect(clientAddress(chain, 4)).toBeNull();
    // Repeated header lines count as one list.
    const lines = new Headers();
    lines.append("x-forwarded-for", "6.6.6.6");
    lines.append("x-forwarded-for", "203.0.113.5");
    expect(clientAddress(lines, 1)).toBe("203.0.113.5");
  });

  it("accepts IPv4 and IPv6 with or without a port, and nothing else", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.5:4711" }), 1)).toBe("203.0.113.5");
    expect(clientAddress(headers({ "x-forwarded-for": "[2001:db8::1]:443" }), 1)).toBe("2001:db8::1");
    expect(clientAddress(headers({ "x-forwarded-for": "2001:db8::1" }), 1)).toBe("2001:db8::1");
    expect(clientAddress(headers({ "x-forwarded-for": "unknown" }), 1)).toBeNull();
  });
});

describe("forwardedHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(forwardedHttps(headers({ "x-forwarded-proto": "https" }), 0)).toBe(false);
    expect(forwardedHttps(headers({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(forwardedHttps(headers({ "x-forwarded-proto": "http" }), 1)).toBe(false);
    expect(forwardedHttps(headers({ "x-forwarded-proto": "https, http" }), 1)).toBe(false);
    expect(forwardedHttps(headers({ "x-forwarded-proto": "https, http" }), 2)).toBe(true);
  });
});

describe("withClientAddress", () => {
  it("drops a client's own client-address header and sets the trusted one, keeping the body", async () => {
    const request = new Request("http://localhost:3000/api/auth/sign-in/username", {
      method: "POST",
      headers: { [CLIENT_IP_HEADER]: "6.6.6.6", "x-forwarded-for": "203.0.113.5", "content-type": "application/json" },
      body: JSON.stringify({ username: "tianbao" }),
    });
    const untrusted = withClientAddress(request.clone(), 0);
    expect(untrusted.headers.has(CLIENT_IP_HEADER)).toBe(false);
    expect(await untrusted.json()).toEqual({ username: "tianbao" });
    const trusted = withClientAddress(request, 1);
    expect(trusted.headers.get(CLIENT_IP_HEADER)).toBe("203.0.113.5");
    expect(trusted.method).toBe("POST");
    expect(await trusted.json()).toEqual({ username: "tianbao" });
  });
});

describe("secureSetCookies", () => {
  it("adds Secure to every cookie that lacks it", () => {
    const h = new Headers();
    h.append("set-cookie", "a=1; Path=/; HttpOnly");
    h.append("set-cookie", "b=2; Path=/; Secure; HttpOnly");
    secureSetCookies(h);
    expect(h.getSetCookie()).toEqual(["a=1; Path=/; HttpOnly; Secure", "b=2; Path=/; Secure; HttpOnly"]);
  });
});
