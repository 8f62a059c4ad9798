import type { Role } from './policy-kit';
import type { SecurityFixture } from './security-kit';

/** A valid input for one procedure as `role` of the security fixture's shop (samples.ts). */
export type Sample = (fx: SecurityFixture, role: Role) => unknown;
