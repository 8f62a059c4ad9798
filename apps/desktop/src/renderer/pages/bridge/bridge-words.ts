import { currentLocale, type AttentionReason, type BridgeMatch, type BridgePreview, type BridgeState, type BridgeView } from '@makeries/shared';

/*
 * The point-of-sale link in the shop's words: a badge and a sentence per state, progress as "1,200 of 5,000",
 * what each "needs attention" reason means, and the first import's match choices.
 */

export interface StateWords {
  badge: string;
  color: string;
  text: string;
}

const STATE_WORDS: Record<BridgeState, StateWords> = {
  not_configured: { badge: 'Not available', color: 'gray', text: 'Square is not set up on this marketplace, so this shop cannot link a point of sale yet.' },
  not_connected: { badge: 'Not connected', color: 'gray', text: 'Link this shop’s Square account: its products, prices and stock come across, and sales here and on the web shop go back to Square.' },
  choose_location: { badge: 'Choose a location', color: 'orange', text: 'Square is connected. Choose the Square location that is this shop.' },
  importing: { badge: 'Reading Square', color: 'blue', text: 'Reading the catalog from Square. Nothing changes in this shop until you have seen the preview.' },
  preview: { badge: 'Ready to import', color: 'orange', text: 'Square’s catalog has been read. Check the preview, then import.' },
  applying: { badge: 'Importing', color: 'blue', text: 'Adding Square’s products to this shop.' },
  in_step: { badge: 'In step', color: 'green', text: 'Square and this shop are in step: Square’s prices and stock show here, and sales here reach Square.' },
  paused: { badge: 'Paused', color: 'orange', text: 'The link with Square is paused. Nothing is sent to or read from Square until it is resumed.' },
  error: { badge: 'Needs attention', color: 'red', text: 'The link with Square has stopped working.' },
  revoked: { badge: 'Disconnected', color: 'red', text: 'This shop is no longer linked to Square. Sales are not sent to Square; the products that came from it stay here and can be edited again.' },
};

export function stateWords(state: BridgeState): StateWords {
  return STATE_WORDS[state];
}

/** Counts as the marketplace's locale writes them: 5000 → "5,000" in en-GB. */
export function count(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "1,200 of 5,000 items read", or "1,200 items read" while Square has not said how many there are. */
export function progressText(progress: NonNullable<BridgeView['progress']>): string {
  const what = progress.phase === 'fetching' ? 'read from Square' : 'imported';
  if (progress.total > 0) return `${count(progress.done)} of ${count(progress.total)} ${what}`;
  return `${count(progress.done)} ${what}`;
}

/** 0–100 for the bar, or null when the total is unknown (the bar then stripes). */
export function progressPercent(progress: NonNullable<BridgeView['progress']>): number | null {
  if (progress.total <= 0) return null;
  return Math.min(100, Math.round((100 * progress.done) / progress.total));
}

/** The states in which work runs on the marketplace and the screen follows it (status every 2 s). */
export function isBusy(state: BridgeState | undefined): boolean {
  return state === 'importing' || state === 'applying';
}

/** Whether the link has done anything worth a sync log: from the first read of Square's catalog on. */
export function hasLink(state: BridgeState): boolean {
  return state !== 'not_configured' && state !== 'not_connected' && state !== 'choose_location';
}

const REASONS: Record<AttentionReason, string> = {
  variable_price: 'Price set at the till',
  tax_mode_mismatch: 'Tax mode differs',
  duplicate_sku: 'Duplicate SKU',
  duplicate_barcode: 'Duplicate barcode',
  currency: 'Other currency',
  price_too_large: 'Price too large',
  no_variations: 'No variations',
  in_store_only: 'In-store only',
};

export function reasonLabel(reason: AttentionReason): string {
  return REASONS[reason];
}

export interface MatchChoice {
  value: BridgeMatch;
  label: string;
  description: string;
  disabled: boolean;
}

/** "Create new products" (the default), "Link by SKU (N found)", "Link by barcode (N found)". */
export function matchChoices(preview: Pick<BridgePreview, 'matches'>): MatchChoice[] {
  const { sku, barcode } = preview.matches;
  return [
    { value: 'none', label: 'Create new products', description: 'Every Square item becomes a new product. Products already in this shop stay as they are.', disabled: false },
    {
      value: 'sku',
      label: `Link by SKU (${count(sku)} found)`,
      description: sku > 0 ? `${plural(sku, 'product')} already in this shop with the same SKU will follow Square instead of being created again.` : 'No product in this shop has the SKU of a Square item.',
      disabled: sku === 0,
    },
    {
      value: 'barcode',
      label: `Link by barcode (${count(barcode)} found)`,
      description: barcode > 0 ? `${plural(barcode, 'product')} already in this shop with the same barcode will follow Square instead of being created again.` : 'No product in this shop has the barcode of a Square item.',
      disabled: barcode === 0,
    },
  ];
}

/** The import button: "Import 412 products", and how many of them link to products the shop already has. */
export function importButtonText(preview: Pick<BridgePreview, 'products' | 'matches'>, match: BridgeMatch): string {
  const linked = match === 'none' ? 0 : preview.matches[match];
  const text = `Import ${plural(preview.products, 'product')}`;
  return linked > 0 ? `${text}, ${count(linked)} linked` : text;
}
