import { describe, expect, it } from 'vitest';
import { productCreateInput, taxRateCreateInput, variantInput } from './catalog';

const variant = { sku: 'LOAF-1', priceCents: 450 };

describe('catalog schemas', () => {
  it('fills variant defaults and treats an empty barcode as none', () => {
    expect(variantInput.parse({ ...variant, barcode: '  ' })).toMatchObject({
      name: 'Default',
      barcode: null,
      taxClass: 'standard',
      soldBy: 'each',
      trackStock: true,
      lowStockThreshold: 0,
    });
  });

  it('rejects fractional or negative money and SKUs with spaces', () => {
    expect(variantInput.safeParse({ ...variant, priceCents: 4.5 }).success).toBe(false);
    expect(variantInput.safeParse({ ...variant, priceCents: -1 }).success).toBe(false);
    expect(variantInput.safeParse({ ...variant, sku: 'LOAF 1' }).success).toBe(false);
  });

  it('needs at least one variant and known dietary tags, without repeats', () => {
    expect(productCreateInput.safeParse({ name: 'Loaf', variants: [] }).success).toBe(false);
    expect(productCreateInput.safeParse({ name: 'Loaf', variants: [variant], dietaryTags: ['paleo'] }).success).toBe(false);
    const p = productCreateInput.parse({ name: ' Loaf ', variants: [variant], dietaryTags: ['vegan', 'vegan', 'gluten-free'] });
    expect(p).toMatchObject({ name: 'Loaf', dietaryTags: ['vegan', 'gluten-free'], onlineVisible: true, categoryId: null });
  });

  it('keeps tax rates within 0–100% in whole basis points', () => {
    expect(taxRateCreateInput.safeParse({ taxClass: 'standard', name: 'VAT', rateBps: 2000 }).success).toBe(true);
    for (const rateBps of [-1, 10_001, 20.5]) {
      expect(taxRateCreateInput.safeParse({ taxClass: 'standard', name: 'VAT', rateBps }).success).toBe(false);
    }
    expect(taxRateCreateInput.safeParse({ taxClass: 'Standard Rate', name: 'VAT', rateBps: 1 }).success).toBe(false);
  });
});
