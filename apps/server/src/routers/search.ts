import { router } from '../trpc';

export const searchRouter = router({});
