import { router } from '../trpc';
import { addressesRouter } from './addresses';
import { adminRouter } from './admin/index';
import { authRouter } from './auth';
import { bridgesRouter } from './bridges';
import { cartRouter } from './cart';
import { catalogRouter } from './catalog';
import { counterCustomersRouter } from './counter-customers';
import { counterSalesRouter } from './counter-sales';
import { devicesRouter } from './devices';
import { digestRouter } from './digest';
import { favouritesRouter } from './favourites';
import { inventoryRouter } from './inventory';
import { marketRouter } from './market';
import { notificationsRouter } from './notifications';
import { ordersRouter } from './orders';
import { paymentsRouter } from './payments';
import { productsRouter } from './products';
import { reorderRouter } from './reorder';
import { reportsRouter } from './reports';
import { reviewsRouter } from './reviews';
import { searchRouter } from './search';
import { staffRouter } from './staff';
import { stockAlertsRouter } from './stock-alerts';
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
  payments: paymentsRouter,
  cart: cartRouter,
  search: searchRouter,
  sync: syncRouter,
  counterCustomers: counterCustomersRouter,
  counterSales: counterSalesRouter,
  reviews: reviewsRouter,
  reports: reportsRouter,
  favourites: favouritesRouter,
  addresses: addressesRouter,
  market: marketRouter,
  bridges: bridgesRouter,
  admin: adminRouter,
  notifications: notificationsRouter,
  reorder: reorderRouter,
  stockAlerts: stockAlertsRouter,
  digest: digestRouter,
});

export type AppRouter = typeof appRouter;
