import type { Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's shops area (issue 17): every procedure under `admin.shops`. */
export const ADMIN_SHOPS_POLICIES: Readonly<Record<string, Policy>> = {};

/** Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts). */
export const ADMIN_SHOPS_SAMPLES: Readonly<Record<string, Sample>> = {};
