import { z } from 'zod';

/**
 * Zod compiles object parsers with `new Function` unless told not to, and probes for it when a schema is built;
 * the storefront's CSP has no 'unsafe-eval', so even the caught probe is reported as a violation. Imported first
 * by the browser entry, before any schema module is evaluated.
 */
z.config({ jitless: true });
