import { checkoutInput as checkoutSchema, cartQuoteInput } from '@makeries/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { addToCart, EMPTY_CART, setChoice } from './cart';
import { checkoutInput, quoteInput, submissionFingerprint } from './requests';
import { line } from './test-support';
import { buildCartView } from './view';
import { setMarket } from '../market';
import { BRISTOL_MARKET } from '../market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

const BAKERY = '0190a5f0-0000-7000-8000-000000000001';
const DELI = '0190a5f0-0000-7000-8000-000000000002';
const V1 = '0190a5f0-0000-7000-8000-0000000000a1';
const V2 = '0190a5f0-0000-7000-8000-0000000000a2';

function cart() {
  let c = addToCart(EMPTY_CART, line({ variantId: V1, vendorId: BAKERY, quantity: 2 }));
  c = addToCart(c, line({ variantId: V2, vendorId: DELI, quantity: 1 }));
  c = setChoice(c, BAKERY, { type: 'pickup', pickupAt: '2025-06-14T10:00:00.000Z' });
  return setChoice(c, DELI, { type: 'delivery', pickupAt: null });
}

describe('requests from the cart', () => {
  it('asks for a quote with each shop’s choice and the delivery point, in the server’s schema', () => {
    const input = quoteInput(cart(), { lat: 51.45, lng: -2.6 });
    expect(input.fulfilment).toEqual([
      { vendorId: BAKERY, type: 'pickup', pickupAt: '2025-06-14T10:00:00.000Z' },
      { vendorId: DELI, type: 'delivery', address: { lat: 51.45, lng: -2.6 } },
    ]);
    expect(cartQuoteInput.safeParse(input).success).toBe(true);
    expect(quoteInput(cart(), null).fulfilment?.[1]).toEqual({ vendorId: DELI, type: 'delivery' });
  });

  it('builds a checkout the server accepts, with the address only for delivering shops', () => {
    const view = buildCartView(cart(), null);
    const address = { line1: '1 Park Row', city: 'Bristol', postcode: 'BS1 5LJ', lat: 51.455, lng: -2.6 };
    const input = checkoutInput(view, { name: 'Ada', email: 'ada@example.com', phone: '' }, address, '  ', '0190a5f0-0000-7000-8000-00000000abcd');
    expect(checkoutSchema.safeParse(input).success).toBe(true);
    expect(input.items).toEqual([
      { variantId: V1, quantity: 2 },
      { variantId: V2, quantity: 1 },
    ]);
    expect(input.fulfilment[0]).toEqual({ vendorId: BAKERY, type: 'pickup', pickupAt: '2025-06-14T10:00:00.000Z' });
    expect(input.fulfilment[1]).toMatchObject({ vendorId: DELI, type: 'delivery', address: { line1: '1 Park Row', country: 'GB', lat: 51.455 } });
    expect(input.note).toBeUndefined();
  });

  it('the same order content gives the same fingerprint; any change gives a new one', () => {
    const view = buildCartView(cart(), null);
    const contact = { name: 'Ada', email: 'ada@example.com', phone: '' };
    const { idempotencyKey: _a, ...one } = checkoutInput(view, contact, null, '', 'k1');
    const { idempotencyKey: _b, ...same } = checkoutInput(view, contact, null, '', 'k2');
    const { idempotencyKey: _c, ...other } = checkoutInput(view, { ...contact, name: 'Ada L' }, null, '', 'k3');
    expect(submissionFingerprint(one)).toBe(submissionFingerprint(same));
    expect(submissionFingerprint(one)).not.toBe(submissionFingerprint(other));
  });
});
