import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword, isTrivialPassword, passwordProblem, TRIVIAL_PASSWORD_MESSAGE } from "./password-policy";

describe("passwordProblem", () => {
  it("refuses the passwords of the issue: Password123 (common) and aaaaaaaaaa1 (trivial)", () => {
    expect(passwordProblem("Password123", "tianbao")).toBe(COMMON_PASSWORD_MESSAGE);
    expect(passwordProblem("aaaaaaaaaa1", "tianbao")).toBe(TRIVIAL_PASSWORD_MESSAGE);
  });

  it("refuses common passwords from the list, also with digits or symbols around them", () => {
    for (const password of ["password123", "qwerty123456", "1qaz2wsx3edc", "a123456789", "p@ssw0rd2026", "Monkey123456", "Beijing2026", "Summer2026!", "woaini1314"]) {
      expect(passwordProblem(password), password).toBe(COMMON_PASSWORD_MESSAGE);
    }
  });

  it("refuses repeats, sequences, keyboard runs and repeated blocks", () => {
    for (const password of ["aaaaaaaaaa1", "abcdefghij1", "Abcdefgh12", "1234567890ab", "9876543210zy", "abcd1234efgh", "ab12ab12ab12", "Aa1Aa1Aa1Aa1"]) {
      expect(passwordProblem(password), password).toBe(TRIVIAL_PASSWORD_MESSAGE);
    }
  });

  it("keeps the earlier rules: length, letters and digits, one character, the user name", () => {
    expect(passwordProblem("Short12")).toBe("密码至少需要 10 个字符。");
    expect(passwordProblem(`A1${"x".repeat(127)}`)).toBe("密码不能超过 128 个字符。");
    expect(passwordProblem("12345678901")).toBe("密码须同时包含字母和数字。");
    expect(passwordProblem("lisi20262026", "lisi")).toBe("密码不能包含用户名。");
    expect(passwordProblem("Xy2026TIANBAOq", "TianBao")).toBe("密码不能包含用户名。");
  });

  it("accepts a good password", () => {
    for (const password of ["Demo2026gov", "Huanbao2026ok", "Qiushi2026ok", "k8Jm2pQx7w", "Whatever2026x", "Zhangsan-2026q"]) {
      expect(passwordProblem(password, "zhang.san"), password).toBeNull();
    }
  });
});

describe("isCommonPassword / isTrivialPassword", () => {
  it("look the word up case-insensitively and only strip what surrounds it", () => {
    expect(isCommonPassword("PASSWORD")).toBe(true);
    expect(isCommonPassword("Demo2026gov")).toBe(false);
    expect(isTrivialPassword("Demo2026gov")).toBe(false);
    expect(isTrivialPassword("qwertyuiop")).toBe(true);
    expect(isTrivialPassword("asdfghjkl12")).toBe(true);
    expect(isTrivialPassword("mnbvcxz987")).toBe(true);
  });
});
