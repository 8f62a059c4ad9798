import { router } from '../trpc';

export const inventoryRouter = router({});
