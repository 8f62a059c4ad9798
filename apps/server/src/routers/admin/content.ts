import { router } from '../../trpc';

/** The operator console's content area (issue 17). */
export const adminContentRouter = router({});
