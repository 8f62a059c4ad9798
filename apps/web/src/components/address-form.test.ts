import { beforeEach, describe, expect, it } from 'vitest';
import { addressFormErrors } from './address-form';
import { setMarket } from '../lib/market';
import { BRISTOL_MARKET } from '../lib/market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

const home = { label: 'Home', line1: '3 Queen Square', line2: '', city: 'Bristol', postcode: 'BS1 4DJ', isDefault: false };

describe('saved address form rules', () => {
  it('asks for each required field and names a postcode outside our area', () => {
    expect(addressFormErrors({ ...home, line1: ' ', city: '', postcode: 'SW1A 1AA' })).toEqual({
      line1: 'Please fill this in',
      city: 'Please fill this in',
      postcode: 'We only cover Bristol (BS) postcodes so far — SW1A 1AA is outside our area.',
    });
  });

  it('applies the server’s rules for labels and free text', () => {
    expect(addressFormErrors({ ...home, label: 'x'.repeat(41) })).toEqual({ label: 'Labels are at most 40 characters' });
    expect(addressFormErrors({ ...home, line2: 'Flat\u202E2' })).toEqual({ line2: 'Addresses cannot contain control characters or invisible formatting characters' });
    expect(addressFormErrors(home)).toEqual({});
  });
});
