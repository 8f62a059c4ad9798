import { describe, expect, it } from 'vitest';
import { checkoutInput, transitionOrderInput } from './orders';

const vendorId = '01890000-0000-7000-8000-000000000001';
const base = {
  idempotencyKey: '01890000-0000-7000-8000-0000000000aa',
  contact: { name: 'Ada', email: 'ADA@Example.test' },
  items: [{ variantId: '01890000-0000-7000-8000-0000000000bb', quantity: 2 }],
  fulfilment: [{ vendorId, type: 'pickup' }],
  paymentMethod: 'pay_at_pickup',
};

function messages(r: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return r.error?.issues.map((i) => i.message) ?? [];
}

describe('checkoutInput', () => {
  it('accepts a guest pickup cart and normalises the contact', () => {
    const parsed = checkoutInput.parse(base);
    expect(parsed.contact).toEqual({ name: 'Ada', email: 'ada@example.test', phone: '' });
  });

  it('needs a delivery address with map coordinates for delivery', () => {
    const noAddress = checkoutInput.safeParse({ ...base, fulfilment: [{ vendorId, type: 'delivery' }] });
    expect(messages(noAddress)).toContain('Enter a delivery address');
    const noCoords = checkoutInput.safeParse({
      ...base,
      fulfilment: [{ vendorId, type: 'delivery', address: { line1: '1 Road', city: 'Bath', postcode: 'BA1 1AA' } }],
    });
    expect(noCoords.success).toBe(false);
    const ok = checkoutInput.safeParse({
      ...base,
      fulfilment: [{ vendorId, type: 'delivery', address: { line1: '1 Road', city: 'Bath', postcode: 'BA1 1AA', lat: 51.38, lng: -2.36 } }],
    });
    expect(ok.success).toBe(true);
  });

  it('refuses empty carts, fractional quantities, repeated shops and other payment methods', () => {
    expect(messages(checkoutInput.safeParse({ ...base, items: [] }))).toContain('Your cart is empty');
    expect(checkoutInput.safeParse({ ...base, items: [{ ...base.items[0], quantity: 1.5 }] }).success).toBe(false);
    expect(messages(checkoutInput.safeParse({ ...base, fulfilment: [base.fulfilment[0], base.fulfilment[0]] }))).toContain(
      'Choose pickup or delivery once per shop',
    );
    expect(checkoutInput.safeParse({ ...base, paymentMethod: 'card' }).success).toBe(true);
    expect(messages(checkoutInput.safeParse({ ...base, paymentMethod: 'cash' }))).toContain('Choose pay at pickup or card');
    expect(checkoutInput.safeParse({ ...base, fulfilment: [{ vendorId, type: 'pickup', pickupAt: 'soon' }] }).success).toBe(false);
  });
});

describe('transitionOrderInput', () => {
  const orderId = '01890000-0000-7000-8000-0000000000cc';
  it('needs a reason to reject', () => {
    expect(messages(transitionOrderInput.safeParse({ orderId, to: 'rejected' }))).toContain('Tell the customer why the order is rejected');
    expect(transitionOrderInput.safeParse({ orderId, to: 'rejected', reason: 'Sold out' }).success).toBe(true);
  });

  it('takes a prep time only when accepting or preparing', () => {
    expect(transitionOrderInput.safeParse({ orderId, to: 'accepted', prepMinutes: 15 }).success).toBe(true);
    expect(transitionOrderInput.safeParse({ orderId, to: 'ready', prepMinutes: 15 }).success).toBe(false);
    expect(transitionOrderInput.safeParse({ orderId, to: 'shipped' }).success).toBe(false);
  });
});
