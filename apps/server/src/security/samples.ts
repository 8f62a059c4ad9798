import { uuidv7 } from '@makeries/shared';
import { registration } from '../routers/identity-test-kit';
import { ADMIN_SAMPLES } from './admin/index';
import { MESSAGE_SAMPLES } from './messages';
import { exampleOf } from './examples';
import { EXTRAS_SAMPLES } from './extras';
import { PROMO_SAMPLES } from './promos';
import { NOTIFICATION_SAMPLES } from './notifications';
import type { Sample } from './sample-kit';
import type { Role } from './policies';
import { PROCEDURES, type SecurityFixture } from './security-kit';

/**
 * Inputs for the matrix and the fuzzer: a valid example derived from the procedure's zod input schema with the
 * fixture's ids filled in, or, where that is not enough to get past validation and the service's own checks,
 * a hand-written sample. Not a test file itself.
 */

/** a 1×1 transparent PNG */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const SAMPLES: Readonly<Record<string, Sample>> = {
  'auth.resetPassword': () => ({ token: 'a'.repeat(43), password: 'correct horse battery staple' }),
  'auth.verifyEmail': () => ({ token: 'a'.repeat(43) }),
  'vendors.register': () => registration(),
  'staff.update': (fx) => ({ staffId: fx.spareStaffId, name: 'Spare Cashier' }),
  'favourites.set': (fx) => ({ vendorId: fx.shop.vendorId, on: true }),
  'reviews.list': (fx) => ({ vendorId: fx.shop.vendorId }),
  'reviews.summary': (fx) => ({ vendorId: fx.shop.vendorId }),
  'reports.create': (fx) => ({ kind: 'product', targetId: fx.shop.productId, reason: 'misleading', details: 'The photo shows a different cake.' }),
  'counterSales.find': (fx) => ({ number: fx.shop.saleNumber }),
  // a real sale of the shop, a new refund each call: the refund reaches the approving manager's proof check
  'counterSales.refund': (fx, role) => ({
    id: uuidv7(),
    orderId: fx.shop.saleId,
    number: `RF-${uuidv7().slice(-8)}`,
    staffId: fx.staffIds.cashier,
    approvedBy: role === 'deviceOwner' ? fx.staffIds.owner : fx.staffIds.manager,
    refundedAt: new Date().toISOString(),
    restock: false,
    lines: [{ orderLineId: fx.shop.saleLineId, quantity: 1, amountCents: 1 }],
    totalCents: 1,
    tender: 'cash',
  }),
  'counterCustomers.uploadReceiptLogo': () => ({ contentType: 'image/png', dataBase64: TINY_PNG }),
  'products.uploadImage': (fx) => ({ productId: fx.shop.productId, contentType: 'image/png', dataBase64: TINY_PNG }),
  'products.uploadImageFromCounter': (fx) => ({ productId: fx.shop.productId, contentType: 'image/png', dataBase64: TINY_PNG }),
  'payments.payouts': () => ({ from: '2026-01-01', to: '2026-01-31' }),
  'sync.pull': () => ({ epoch: null, cursor: '0' }),
  'notifications.setSms': () => ({ phone: '07700 900123', enabled: true }),
  ...ADMIN_SAMPLES,
  ...EXTRAS_SAMPLES,
  ...PROMO_SAMPLES,
  ...MESSAGE_SAMPLES,
  ...NOTIFICATION_SAMPLES,
};

export function schemaOf(path: string): unknown {
  return PROCEDURES[path]?._def.inputs[0];
}

export function sampleInput(fx: SecurityFixture, path: string, role: Role): unknown {
  const sample = SAMPLES[path];
  if (sample) return sample(fx, role);
  const schema = schemaOf(path);
  return schema === undefined ? undefined : exampleOf(schema, fx.hints);
}
