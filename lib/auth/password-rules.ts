/**
 * The password rules as users are told them, without the list of common passwords: the account
 * forms in the browser import this, and only the server-side check (./password-policy) loads the
 * ~49,000-entry list.
 */

/** Minimum password length; better-auth enforces it too. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** The hint under every password field. */
export const PASSWORD_HINT = `至少 ${MIN_PASSWORD_LENGTH} 个字符，须同时包含字母和数字，不能包含用户名，不能是常见密码或重复、连续的简单组合。`;
