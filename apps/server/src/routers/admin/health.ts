import { router } from '../../trpc';

/** The operator console's health area (issue 17). */
export const adminHealthRouter = router({});
