import { AppError } from './errors';
import type { PosProvider } from './schemas/bridges';

/*
 * Source of truth per field for products bridged from a point of sale (POS-BRIDGES §6). The POS owns what it
 * sells and counts; Makeries owns how the product shows online. Server and counter refuse the same edits with
 * the same words, so staff read one explanation wherever they try.
 */

export const POS_PROVIDER_NAMES: Record<PosProvider, string> = { square: 'Square', shopify: 'Shopify', toast: 'Toast' };

/** Product fields only the POS changes; the rest (online visibility, category, dietary tags, description) are ours. */
export const POS_OWNED_PRODUCT_FIELDS = ['name', 'archived'] as const;
/** Variant fields only the POS changes (whether stock is counted too: Square's track_inventory); creating or removing variants is the POS's too. */
export const POS_OWNED_VARIANT_FIELDS = ['name', 'sku', 'barcode', 'priceCents', 'taxClass', 'trackStock', 'archived'] as const;
/** Stock is counted in the POS; sales and refunds here stay allowed (the bridge pushes them to the POS). */
export const POS_OWNED_STOCK_KINDS = ['receive', 'count', 'adjust'] as const;

/** "Square"; a provider added after this build is named as sent, capitalised. */
export function posProviderName(provider: string): string {
  return (POS_PROVIDER_NAMES as Record<string, string | undefined>)[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

export function posOwnedEditMessage(productName: string, provider: string): string {
  const pos = posProviderName(provider);
  return (
    `“${productName}” comes from ${pos}: change its name, price, SKU, barcode, tax, stock tracking or archive it in ${pos}. ` +
    'Online visibility, category, dietary tags and description can be changed here.'
  );
}

export function posOwnedStockMessage(productName: string, provider: string): string {
  const pos = posProviderName(provider);
  return `“${productName}” comes from ${pos}: its stock is counted in ${pos}, so receive, count or adjust it there. Sales and refunds made here reach ${pos} by themselves.`;
}

export interface BridgedRef {
  id: string;
  name: string;
  posProvider: string;
}

/** The refusal both sides raise: CONFLICT (the POS is the source of truth), the fields named for forms. */
export function posOwnedError(kind: 'edit' | 'stock', product: BridgedRef, fields: readonly string[]): AppError {
  const message = kind === 'edit' ? posOwnedEditMessage(product.name, product.posProvider) : posOwnedStockMessage(product.name, product.posProvider);
  const note = `Edited in ${posProviderName(product.posProvider)}`;
  return new AppError('CONFLICT', message, {
    details: { reason: 'pos_owned', provider: product.posProvider, productId: product.id, fields: [...fields] },
    issues: fields.map((path) => ({ path, message: note })),
  });
}

/** The listed fields whose value would change (undefined in `next` = left as it is). */
export function changedFields<T extends object>(current: T, next: Partial<T>, fields: readonly (keyof T & string)[]): string[] {
  return fields.filter((f) => next[f] !== undefined && next[f] !== current[f]);
}
