import { describe, expect, it } from 'vitest';
import { priceTextSchema, productEditorSchema } from './product-editor';

const row = { name: '', sku: 'JAM-1', priceText: '4.50', barcode: '', taxClass: 'standard' };
const messages = (r: ReturnType<ReturnType<typeof productEditorSchema>['safeParse']>) =>
  r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));

describe('the product editor form', () => {
  it('takes a product as staff type it (extra fields, an empty variant name)', () => {
    expect(productEditorSchema('GBP').safeParse({ name: 'Jam', categoryId: null, variants: [row] }).success).toBe(true);
  });

  it('names each wrong field the way the counter would', () => {
    const r = productEditorSchema('GBP').safeParse({ name: '  ', variants: [row, { ...row, sku: 'JAM 2', priceText: '' }] });
    expect(messages(r)).toEqual({
      name: 'Required',
      'variants.1.sku': 'SKUs cannot contain spaces',
      'variants.1.priceText': 'Enter a price, like 4.50.',
    });
  });

  it('reads prices in the shop currency and refuses words, negatives and too many decimals', () => {
    expect(priceTextSchema('GBP').safeParse('£4.50').success).toBe(true);
    const msg = (currency: string, v: string) => priceTextSchema(currency).safeParse(v).error?.issues[0]?.message;
    expect(msg('GBP', 'three')).toBe('"three" is not an amount. Type it like 12.50.');
    expect(msg('GBP', '-1.00')).toBe('A price cannot be negative.');
    expect(msg('JPY', '4.50')).toMatch(/JPY amounts have a whole number/);
  });
});
