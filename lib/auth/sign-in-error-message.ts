/** What the better-auth client reports when sign-in fails. */
export interface SignInError {
  status?: number;
  code?: string;
  message?: string;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * The Chinese message for a failed sign-in. Wrong credentials and malformed user names get one
 * message, so the page never tells which accounts exist; the server's own Chinese messages
 * (throttling) are shown as they are.
 */
export function signInErrorMessage(error: SignInError): string {
  if (error.message && HAS_CHINESE.test(error.message)) return error.message;
  if (error.status === 429) return "登录尝试过于频繁，请稍后再试。";
  if (error.status === 401 || error.status === 422 || error.status === 400 || error.code === "INVALID_USERNAME_OR_PASSWORD") {
    return "用户名或密码错误。";
  }
  if (error.status === 0 || error.status === undefined) return "无法连接服务器，请检查网络后重试。";
  return "登录失败，请稍后重试；如果问题持续，请联系管理员。";
}
