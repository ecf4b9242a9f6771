import { z } from 'zod';

// Zod 4 compiles fast object parsers with `new Function` and probes for it once, when the first object schema
// is made. Under our CSP (no 'unsafe-eval') that probe is a reported violation on every page with a form, so
// the app takes zod from here, configured before any schema exists. The server keeps the compiled parsers.
if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
