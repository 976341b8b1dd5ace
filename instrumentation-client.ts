import { config } from "zod/v4/core";

// Runs in the browser before the app's own modules. Zod compiles its fast object parsers with
// `new Function`, which the Content-Security-Policy (proxy.ts: no 'unsafe-eval') refuses and
// reports as a violation; without eval it parses the same way, interpreted. The setting is zod's
// one global configuration (zod/v4/core's config, which `z.config` is): importing only that keeps
// zod itself out of the scripts every page loads — only pages that parse with zod load it.
config({ jitless: true });
