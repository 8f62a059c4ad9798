import type { Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's orders area (issue 17): every procedure under `admin.orders`. */
export const ADMIN_ORDERS_POLICIES: Readonly<Record<string, Policy>> = {};

/** Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts). */
export const ADMIN_ORDERS_SAMPLES: Readonly<Record<string, Sample>> = {};
