import type { Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's content area (issue 17): every procedure under `admin.content`. */
export const ADMIN_CONTENT_POLICIES: Readonly<Record<string, Policy>> = {};

/** Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts). */
export const ADMIN_CONTENT_SAMPLES: Readonly<Record<string, Sample>> = {};
