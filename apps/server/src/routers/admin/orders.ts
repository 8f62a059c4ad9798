import { router } from '../../trpc';

/** The operator console's orders area (issue 17). */
export const adminOrdersRouter = router({});
