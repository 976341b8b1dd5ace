/**
 * Tells zod not to compile its object parsers with `new Function` (the Content-Security-Policy,
 * proxy.ts, has no 'unsafe-eval'; without eval zod parses the same way, interpreted).
 *
 * zod keeps its one global configuration on `globalThis.__zod_globalConfig`
 * (zod/v4/core/core.js: `globalThis.__zod_globalConfig ??= {}`; `z.config()` assigns into it), so
 * setting the flag there works whether zod loads before or after, and costs the browser no zod
 * code: instrumentation-client.ts runs this on every page, and most pages load no zod at all.
 * zod-jitless.test.ts checks that zod reads the flag from there.
 */
export function makeZodJitless(): void {
  const global = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  global.__zod_globalConfig = Object.assign(global.__zod_globalConfig ?? {}, { jitless: true });
}
