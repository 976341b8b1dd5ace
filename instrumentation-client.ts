import { makeZodJitless } from "./lib/utils/zod-jitless";

// Runs in the browser before the app's own modules: zod, on the pages that load it, must not
// compile with `new Function`, which the Content-Security-Policy refuses (lib/utils/zod-jitless.ts).
makeZodJitless();
