import type { Inputs, Outputs } from '../../api/types';

export type CatalogProduct = Outputs['catalogEdit']['list'][number];
export type CatalogVariant = CatalogProduct['variants'][number];
export type CatalogCategory = Outputs['catalogEdit']['categories'][number];
export type CatalogTaxRate = Outputs['catalogEdit']['taxRates'][number];
export type ImportPreview = Outputs['catalogEdit']['previewImport'];
export type ProductSave = Inputs['catalogEdit']['save'];
export type ProductStatus = NonNullable<Inputs['catalogEdit']['list']['status']>;

/** Lowest and highest price of the variants on sale, as one figure or a range. */
export function priceRange(p: CatalogProduct): { min: number; max: number } | null {
  const prices = p.variants.filter((v) => !v.archived).map((v) => v.priceCents);
  if (prices.length === 0) return null;
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

/** Stock over the tracked variants on sale; null when none track stock. */
export function stockTotal(p: CatalogProduct): number | null {
  const tracked = p.variants.filter((v) => !v.archived && v.onHand !== null);
  if (tracked.length === 0) return null;
  return tracked.reduce((sum, v) => sum + (v.onHand ?? 0), 0);
}
