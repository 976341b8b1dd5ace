/** Minimum password length; better-auth enforces it too. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Why a password is too weak, in Chinese, or null when it is acceptable: at least 10 characters,
 * letters and digits, not containing the user name, not a run of one character.
 */
export function passwordProblem(password: string, username = ""): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`;
  if (password.length > 128) return "密码不能超过 128 个字符。";
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return "密码须同时包含字母和数字。";
  if (/^(.)\1+$/.test(password)) return "密码不能由同一个字符重复组成。";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "密码不能包含用户名。";
  return null;
}
