import { describe, expect, it } from 'vitest';
import { changedFields, posOwnedError, posProviderName, POS_OWNED_VARIANT_FIELDS } from './pos-owned';

describe('POS-owned fields', () => {
  it('names the provider, also one added after this build', () => {
    expect(posProviderName('square')).toBe('Square');
    expect(posProviderName('lightspeed')).toBe('Lightspeed');
  });

  it('refuses with CONFLICT, the words staff read and the fields for forms', () => {
    const e = posOwnedError('edit', { id: 'p1', name: 'Sourdough loaf', posProvider: 'square' }, ['variants.LOAF.priceCents']);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      '“Sourdough loaf” comes from Square: change its name, price, SKU, barcode, tax, stock tracking or archive it in Square. Online visibility, category, dietary tags and description can be changed here.',
    );
    expect(e.details).toEqual({ reason: 'pos_owned', provider: 'square', productId: 'p1', fields: ['variants.LOAF.priceCents'] });
    expect(e.issues).toEqual([{ path: 'variants.LOAF.priceCents', message: 'Edited in Square' }]);
  });

  it('lists only the owned fields that would change; left-out fields change nothing', () => {
    const now = { name: 'Large', sku: 'L', barcode: null, priceCents: 650, taxClass: 'standard', trackStock: true, archived: false, sort: 0 };
    expect(changedFields(now, { ...now, priceCents: 700, sort: 3 }, POS_OWNED_VARIANT_FIELDS)).toEqual(['priceCents']);
    expect(changedFields(now, { trackStock: false }, POS_OWNED_VARIANT_FIELDS)).toEqual(['trackStock']);
    expect(changedFields(now, { name: undefined }, POS_OWNED_VARIANT_FIELDS)).toEqual([]);
  });
});
