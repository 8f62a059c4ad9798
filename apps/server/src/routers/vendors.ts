import { router } from '../trpc';

export const vendorsRouter = router({});
