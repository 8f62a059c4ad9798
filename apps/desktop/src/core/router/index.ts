import { activityRouter } from './activity';
import { bridgesRouter } from './bridges';
import { cartRouter } from './cart';
import { catalogRouter } from './catalog';
import { customersRouter } from './customers';
import { catalogEditRouter } from './catalog-edit';
import { deviceRouter } from './device';
import { inventoryRouter } from './inventory';
import { loyaltyRouter } from './loyalty';
import { tillPromoRouter } from './till-promo';
import { paymentsRouter } from './payments';
import { payoutsRouter } from './payouts';
import { promosRouter } from './promos';
import { printersRouter } from './printers';
import { refundsRouter } from './refunds';
import { reportsRouter } from './reports';
import { salesRouter } from './sales';
import { scannersRouter } from './scanners';
import { shiftsRouter } from './shifts';
import { staffRouter } from './staff';
import { storeRouter } from './store';
import { stockHistoryRouter } from './stock-history';
import { syncRouter } from './sync';
import { router } from './trpc';
import { webOrdersRouter } from './web-orders';
import { messagesRouter } from './messages';

/** The root only composes; each domain lives in its own file. The renderer imports `type CounterRouter`. */
export const counterRouter = router({
  device: deviceRouter,
  staff: staffRouter,
  catalog: catalogRouter,
  catalogEdit: catalogEditRouter,
  cart: cartRouter,
  sales: salesRouter,
  refunds: refundsRouter,
  shifts: shiftsRouter,
  inventory: inventoryRouter,
  webOrders: webOrdersRouter,
  sync: syncRouter,
  activity: activityRouter,
  printers: printersRouter,
  scanners: scannersRouter,
  store: storeRouter,
  customers: customersRouter,
  reports: reportsRouter,
  stockHistory: stockHistoryRouter,
  payments: paymentsRouter,
  payouts: payoutsRouter,
  bridges: bridgesRouter,
  loyalty: loyaltyRouter,
  tillPromo: tillPromoRouter,
  promos: promosRouter,
  messages: messagesRouter,
});

export type CounterRouter = typeof counterRouter;
export { createCallerFactory } from './trpc';
export type { WebOrderEvent } from './web-order-watch';
export { createCounterContext } from './context';
export type { OpenCounterContext } from './context';
