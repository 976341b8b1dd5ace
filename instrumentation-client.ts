import { z } from "zod";

// Runs in the browser before the app's own modules. Zod compiles its fast object parsers with
// `new Function`, which the Content-Security-Policy (proxy.ts: no 'unsafe-eval') refuses and
// reports as a violation; without eval it parses the same way, interpreted.
z.config({ jitless: true });
