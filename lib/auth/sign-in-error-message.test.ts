import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-error-message";

describe("signInErrorMessage", () => {
  it("says the user name or password is wrong for better-auth's invalid-credentials error", () => {
    expect(signInErrorMessage({ status: 401, code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password" })).toBe("用户名或密码错误。");
  });

  it("gives the same answer for a malformed user name, so it does not reveal which names exist", () => {
    expect(signInErrorMessage({ status: 422, code: "USERNAME_TOO_SHORT", message: "Username is too short" })).toBe("用户名或密码错误。");
  });

  it("passes the server's Chinese throttling message through", () => {
    expect(signInErrorMessage({ status: 429, message: "登录失败次数过多，请 15 分钟后再试。" })).toBe("登录失败次数过多，请 15 分钟后再试。");
  });

  it("translates the generic rate limiter's English message", () => {
    expect(signInErrorMessage({ status: 429, message: "Too many requests. Please try again later." })).toBe("登录尝试过于频繁，请稍后再试。");
  });

  it("never shows an unexpected English server message", () => {
    expect(signInErrorMessage({ status: 500, message: "Internal Server Error" })).toBe("登录失败，请稍后重试；如果问题持续，请联系管理员。");
    expect(signInErrorMessage({ message: "Failed to fetch" })).toBe("无法连接服务器，请检查网络后重试。");
  });
});
