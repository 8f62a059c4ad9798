import { router } from '../trpc';

export const devicesRouter = router({});
