import { m, OPERATOR, q, type Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's orders area (issue 17): every procedure under `admin.orders`. */
export const ADMIN_ORDERS_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.orders.search': q(OPERATOR, 'any order of any shop by number, customer email or shop: only the marketplace operator'),
  'admin.orders.detail': q(OPERATOR, 'an order with its payments, transfers, refunds, emails and disputes'),
  'admin.orders.refund': m(OPERATOR, 'the marketplace refunds a customer, reversing the shop’s transfer; audited with a reason'),
  'admin.orders.disputes': q(OPERATOR, 'card disputes on the marketplace’s charges, by evidence deadline'),
};

/** Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts). */
export const ADMIN_ORDERS_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.orders.search': () => ({ q: 'W-', limit: 5 }),
  'admin.orders.detail': (fx) => ({ orderId: fx.orderId }),
  'admin.orders.refund': (fx) => ({ orderId: fx.orderId, idempotencyKey: 'matrix-refund-1', reason: 'Security matrix', amountCents: 1 }),
  'admin.orders.disputes': () => ({ state: 'open' }),
};
