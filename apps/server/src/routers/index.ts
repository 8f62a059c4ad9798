import { router } from '../trpc';
import { authRouter } from './auth';
import { cartRouter } from './cart';
import { catalogRouter } from './catalog';
import { devicesRouter } from './devices';
import { inventoryRouter } from './inventory';
import { ordersRouter } from './orders';
import { productsRouter } from './products';
import { searchRouter } from './search';
import { staffRouter } from './staff';
import { syncRouter } from './sync';
import { vendorsRouter } from './vendors';

/** The root only composes; each domain lives in its own file. */
export const appRouter = router({
  auth: authRouter,
  vendors: vendorsRouter,
  staff: staffRouter,
  devices: devicesRouter,
  catalog: catalogRouter,
  products: productsRouter,
  inventory: inventoryRouter,
  orders: ordersRouter,
  cart: cartRouter,
  search: searchRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
