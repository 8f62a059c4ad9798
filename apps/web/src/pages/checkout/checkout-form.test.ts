import { beforeEach, describe, expect, it } from 'vitest';
import { checkoutErrors, checkoutStart, deliveryAddressOf, type CheckoutFormValues } from './checkout-form';
import { setMarket } from '../../lib/market';
import { BRISTOL_MARKET } from '../../lib/market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

const filled: CheckoutFormValues = {
  contact: { name: 'Ann Baker', email: 'Ann@Example.test', phone: '' },
  address: { line1: ' 1 Park Row ', line2: '', city: 'Bristol', postcode: 'bs15lj' },
  note: '',
};

describe('checkout form rules', () => {
  it('asks for the contact always and for the address only when a shop delivers', () => {
    expect(checkoutErrors(checkoutStart('Bristol'), false)).toEqual({ 'contact.name': 'Required', 'contact.email': 'Enter a valid email address' });
    expect(checkoutErrors(checkoutStart('Bristol'), true)).toEqual({
      'contact.name': 'Required',
      'contact.email': 'Enter a valid email address',
      'address.line1': 'Enter the street address',
      'address.postcode': 'Enter a postcode like BS1 4QA, or just its first part (BS1).',
    });
    expect(checkoutErrors(filled, true)).toEqual({});
  });

  it('applies the server’s text rules to the address and names a postcode outside the area', () => {
    const errors = checkoutErrors({ ...filled, address: { ...filled.address, line1: 'x'.repeat(201), city: ' ', postcode: 'SW1A 1AA' } }, true);
    expect(errors['address.line1']).toMatch(/200/);
    expect(errors['address.city']).toBe('Enter the town');
    expect(errors['address.postcode']).toBe('We only cover Bristol (BS) postcodes so far — SW1A 1AA is outside our area.');
    expect(checkoutErrors({ ...filled, contact: { ...filled.contact, name: 'Ann\u0007' } }, false)['contact.name']).toBe(
      'Names cannot contain control characters or invisible formatting characters',
    );
  });

  it('sends the address trimmed, with the postcode as we write it and its map point', () => {
    expect(deliveryAddressOf(filled.address)).toEqual({ line1: '1 Park Row', line2: undefined, city: 'Bristol', postcode: 'BS1 5LJ', lat: expect.any(Number), lng: expect.any(Number) });
    expect(deliveryAddressOf({ ...filled.address, postcode: 'SW1A 1AA' })).toBeNull();
  });
});
