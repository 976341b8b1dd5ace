import "server-only";

/**
 * What proxy.ts refuses before any route sees a request (issue 8: each of these used to end in a
 * 500 inside Next or the database):
 * - a URL with NUL, control characters, malformed percent-encoding or bytes that are not UTF-8
 *   names nothing here: 404;
 * - a server action posted from another origin: 403 (Next's own check answers 500);
 * - a server action body over MAX_ACTION_BODY_BYTES: 413;
 * - a server action whose arguments are not a JSON array, or carry a reference React's reply
 *   decoder would chase into the void ("Connection closed"): 400.
 * Everything else about the input is checked by the action wrapper (lib/server/actions).
 */

/** Largest server action request (the same as Next's serverActions.bodySizeLimit, next.config.js). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;

export interface GuardRefusal {
  status: 400 | 403 | 404 | 413;
  code: "INVALID" | "FORBIDDEN" | "NOT_FOUND" | "TOO_LARGE";
  message: string;
}

const CONTROL = /[\u0000-\u001F\u007F]/;

/** Decodes one percent-encoded URL part, or null when it is not valid UTF-8 percent-encoding. */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** Why this URL (as the client sent it) is refused, or null. */
export function urlRefusal(rawUrl: string): GuardRefusal | null {
  const notFound: GuardRefusal = { status: 404, code: "NOT_FOUND", message: "找不到该页面：网址中含有无法识别的字符。" };
  const start = rawUrl.indexOf("://") >= 0 ? rawUrl.indexOf("/", rawUrl.indexOf("://") + 3) : 0;
  const pathAndQuery = start < 0 ? "/" : rawUrl.slice(start).split("#")[0];
  if (CONTROL.test(pathAndQuery)) return notFound;
  for (const part of pathAndQuery.split(/[/?&=]/)) {
    const decoded = decodePart(part);
    if (decoded === null || CONTROL.test(decoded)) return notFound;
  }
  return null;
}

/** The host a request was addressed to, as Next compares it with Origin. */
function requestHost(headers: Headers): string | null {
  return (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0].trim().toLowerCase() ?? null;
}

/** Whether the request is a server action call (Next marks them with the Next-Action header). */
export function isServerAction(method: string, headers: Headers): boolean {
  return method === "POST" && headers.has("next-action");
}

/** Why a server action request is refused before its body is read, or null. */
export function actionHeaderRefusal(headers: Headers): GuardRefusal | null {
  const origin = headers.get("origin");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host.toLowerCase() : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== requestHost(headers)) {
    return { status: 403, code: "FORBIDDEN", message: "拒绝来自其他网站的操作请求。" };
  }
  if (Number(headers.get("content-length") ?? 0) > MAX_ACTION_BODY_BYTES) {
    return { status: 413, code: "TOO_LARGE", message: `提交的内容超过 ${MAX_ACTION_BODY_BYTES / 1024 / 1024} MB。` };
  }
  return null;
}

/** Why a server action's body is refused, or null (multipart bodies are Next's to decode). */
export function actionBodyRefusal(contentType: string | null, body: string): GuardRefusal | null {
  if (new TextEncoder().encode(body).byteLength > MAX_ACTION_BODY_BYTES) {
    return { status: 413, code: "TOO_LARGE", message: `提交的内容超过 ${MAX_ACTION_BODY_BYTES / 1024 / 1024} MB。` };
  }
  if ((contentType ?? "").toLowerCase().startsWith("multipart/form-data")) return null;
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { status: 400, code: "INVALID", message: "操作请求的格式不正确。" };
  }
  return Array.isArray(args) && !hasForeignReference(args) ? null : { status: 400, code: "INVALID", message: "操作请求的格式不正确。" };
}

/**
 * React encodes action arguments as JSON in which a string starting with `$` is a reference
 * (`$@1` a promise chunk, `$K2` form data …) and a string that really starts with `$` is
 * escaped as `$$`. A text body has no other chunks, so only self-contained values may appear:
 * `$$…`, `$undefined`, `$NaN`, `$Infinity`, `$-Infinity`, `$-0`, `$n<digits>` and `$D<date>`.
 */
const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|n-?\d+$|D)/;

function hasForeignReference(value: unknown): boolean {
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length) {
    const current = stack.pop();
    // The action wrapper refuses floods and deep nesting with a message; here it is enough not
    // to walk them forever.
    if (++nodes > 200_000) return false;
    if (typeof current === "string") {
      if (current.startsWith("$") && !SELF_CONTAINED.test(current)) return true;
    } else if (Array.isArray(current)) stack.push(...current);
    else if (current !== null && typeof current === "object") {
      for (const [key, entry] of Object.entries(current)) {
        if (key.startsWith("$") && !key.startsWith("$$")) return true;
        stack.push(entry);
      }
    }
  }
  return false;
}
