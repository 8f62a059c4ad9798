import { router } from '../../trpc';

/** The operator console's shops area (issue 17). */
export const adminShopsRouter = router({});
