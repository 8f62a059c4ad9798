import { describe, expect, it } from 'vitest';
import { explainCheckoutError } from './checkout-errors';

describe('checkout errors, where the customer looks for them', () => {
  it('puts stock shortages on their lines', () => {
    const v = explainCheckoutError({
      appCode: 'OUT_OF_STOCK',
      message: 'Only 2 left: Jam. Lower the quantity or remove it. 1 more item is short too.',
      details: {
        shortages: [
          { vendorId: 'deli', variantId: 'v-jam', name: 'Jam', requested: 3, available: 2 },
          { vendorId: 'deli', variantId: 'v-tea', name: 'Tea', requested: 1, available: 0 },
        ],
      },
    });
    expect(v.lines).toEqual({ 'v-jam': 'Only 2 left — lower the quantity to continue.', 'v-tea': 'Sold out — remove it to continue.' });
    expect(v.summary).toContain('Nothing was ordered');
  });

  it('puts paused, closed and minimum-order problems on their shops', () => {
    const v = explainCheckoutError({
      appCode: 'VENDOR_PAUSED',
      message: 'Bakery is not taking online orders right now. (1 more shop needs attention.)',
      details: {
        vendorId: 'bakery',
        problems: [
          { vendorId: 'bakery', code: 'VENDOR_PAUSED', message: 'Bakery is not taking online orders right now.' },
          { vendorId: 'deli', code: 'BELOW_MINIMUM', message: 'Deli has a minimum order of £20.00. Add £3.00 more.' },
        ],
      },
    });
    expect(v.vendors).toEqual({
      bakery: ['Bakery is not taking online orders right now.'],
      deli: ['Deli has a minimum order of £20.00. Add £3.00 more.'],
    });
    expect(v.lines).toEqual({});
  });

  it('marks vanished items, form fields, and a lost connection', () => {
    expect(explainCheckoutError({ appCode: 'NOT_FOUND', message: 'Some items…', details: { variantIds: ['v-x'] } }).lines).toEqual({
      'v-x': 'No longer available — remove it to continue.',
    });
    const bad = explainCheckoutError({ appCode: 'BAD_INPUT', message: 'Please check: contact.email — Enter a valid email address', issues: [{ path: 'contact.email', message: 'Enter a valid email address' }] });
    expect(bad.fields).toEqual({ 'contact.email': 'Enter a valid email address' });
    expect(explainCheckoutError({ message: 'Failed to fetch' }).summary).toContain('never orders twice');
    expect(explainCheckoutError({ appCode: 'CURRENCY_MISMATCH', message: 'Your cart mixes shops…' }).summary).toBe('Your cart mixes shops…');
  });
});
