import { parseMoney } from '@makeries/shared';
import { centsToText } from './money-text';
import type { CatalogVariant, ProductSave } from './catalog-types';

/** A variant as the editor holds it: the price as typed. */
export interface VariantDraft {
  key: string;
  id?: string;
  name: string;
  sku: string;
  barcode: string;
  priceText: string;
  taxClass: string;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  lowStockThreshold: number;
  archived: boolean;
}

let keys = 0;
const draftKey = (): string => `v${++keys}`;

export function draftOf(v: CatalogVariant, currency: string): VariantDraft {
  return {
    key: draftKey(),
    id: v.id,
    name: v.name,
    sku: v.sku,
    barcode: v.barcode ?? '',
    priceText: centsToText(v.priceCents, currency),
    taxClass: v.taxClass,
    soldBy: v.soldBy,
    trackStock: v.trackStock,
    lowStockThreshold: v.lowStockThreshold,
    archived: v.archived,
  };
}

export function emptyDraft(taxClass: string, name = 'Default'): VariantDraft {
  return { key: draftKey(), name, sku: '', barcode: '', priceText: '', taxClass, soldBy: 'each', trackStock: true, lowStockThreshold: 0, archived: false };
}

export type VariantInput = ProductSave['variants'][number];

/** The drafts as the counter's input, once the editor's form found every price readable (productEditorSchema). */
export function variantInputs(drafts: VariantDraft[], currency: string): VariantInput[] {
  return drafts.map((d) => ({
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim() || 'Default',
    sku: d.sku.trim(),
    barcode: d.barcode.trim() || null,
    priceCents: parseMoney(d.priceText, currency),
    taxClass: d.taxClass,
    soldBy: d.soldBy,
    trackStock: d.trackStock,
    lowStockThreshold: d.lowStockThreshold,
    archived: d.archived,
  }));
}
