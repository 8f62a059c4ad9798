import { currentLocale, type AttentionReason, type BridgeMatch, type BridgePreview, type BridgeState, type BridgeView, type PosProvider } from '@makeries/shared';

/*
 * The point-of-sale link in the shop's words: a badge and a sentence per state, progress as "1,200 of 5,000",
 * what each "needs attention" reason means, the first import's match choices, and per point of sale: its name,
 * what linking it brings, and what a read-only connection does not do.
 */

export interface StateWords {
  badge: string;
  color: string;
  text: string;
}

/** The state sentences for the connected point of sale; a read-only connection does not claim that sales reach it. */
function wordsFor(pos: string, readOnly: boolean): Record<BridgeState, StateWords> {
  return {
    not_configured: { badge: 'Not available', color: 'gray', text: 'No point of sale is set up on this marketplace yet, so this shop cannot link one.' },
    not_connected: { badge: 'Not connected', color: 'gray', text: 'This shop is not linked to a point of sale yet. Choose yours below; a shop links one point of sale at a time.' },
    choose_location: { badge: 'Choose a location', color: 'orange', text: `${pos} is connected. Choose the ${pos} location that is this shop.` },
    importing: { badge: `Reading ${pos}`, color: 'blue', text: `Reading the catalog from ${pos}. Nothing changes in this shop until you have seen the preview.` },
    preview: { badge: 'Ready to import', color: 'orange', text: `${pos}’s catalog has been read. Check the preview, then import.` },
    applying: { badge: 'Importing', color: 'blue', text: `Adding ${pos}’s products to this shop.` },
    in_step: {
      badge: 'In step',
      color: 'green',
      text: readOnly ? `${pos} and this shop are in step: ${pos}’s prices and stock show here.` : `${pos} and this shop are in step: ${pos}’s prices and stock show here, and sales here reach ${pos}.`,
    },
    paused: { badge: 'Paused', color: 'orange', text: `The link with ${pos} is paused. Nothing is sent to or read from ${pos} until it is resumed.` },
    error: { badge: 'Needs attention', color: 'red', text: `The link with ${pos} has stopped working.` },
    revoked: { badge: 'Disconnected', color: 'red', text: `This shop is no longer linked to ${pos}. Sales are not sent to ${pos}; the products that came from it stay here and can be edited again.` },
  };
}

/** Badge and sentence of a state, naming the connected point of sale (`pos`); before one is connected they name none. */
export function stateWords(state: BridgeState, pos: string, capabilities: BridgeView['capabilities'] = null): StateWords {
  return wordsFor(pos, capabilities?.stockWrite === false)[state];
}

/** Counts as the marketplace's locale writes them: 5000 → "5,000" in en-GB. */
export function count(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "1,200 of 5,000 read from Square", or "1,200 read from Square" while the POS has not said how many there are. */
export function progressText(progress: NonNullable<BridgeView['progress']>, pos: string): string {
  const what = progress.phase === 'fetching' ? `read from ${pos}` : 'imported';
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

/** Whether the link has done anything worth a sync log: from the first read of the POS's catalog on. */
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
export function matchChoices(preview: Pick<BridgePreview, 'matches'>, pos: string): MatchChoice[] {
  const { sku, barcode } = preview.matches;
  return [
    { value: 'none', label: 'Create new products', description: `Every ${pos} item becomes a new product. Products already in this shop stay as they are.`, disabled: false },
    {
      value: 'sku',
      label: `Link by SKU (${count(sku)} found)`,
      description: sku > 0 ? `${plural(sku, 'product')} already in this shop with the same SKU will follow ${pos} instead of being created again.` : `No product in this shop has the SKU of a ${pos} item.`,
      disabled: sku === 0,
    },
    {
      value: 'barcode',
      label: `Link by barcode (${count(barcode)} found)`,
      description: barcode > 0 ? `${plural(barcode, 'product')} already in this shop with the same barcode will follow ${pos} instead of being created again.` : `No product in this shop has the barcode of a ${pos} item.`,
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

const NAMES: Record<PosProvider, string> = { square: 'Square', shopify: 'Shopify', toast: 'Toast' };

/** The connected point of sale's name as the marketplace gives it ("Square", "Shopify", "Toast"). */
export function posName(view: Pick<BridgeView, 'provider' | 'providers'>): string {
  return view.providers.find((p) => p.provider === view.provider)?.name ?? NAMES[view.provider];
}

/** Whether the shop has (or had) a link, so the words name that point of sale rather than "a point of sale". */
export function isLinked(state: BridgeState): boolean {
  return state !== 'not_configured' && state !== 'not_connected';
}

/** The line under the section title: the linked point of sale, or the ones set up to link ("Square, Shopify or Toast"). */
export function sectionLead(view: Pick<BridgeView, 'provider' | 'providers' | 'state' | 'capabilities'>): string {
  if (isLinked(view.state)) {
    const pos = posName(view);
    if (view.capabilities?.stockWrite === false && view.state !== 'revoked') return `${pos}’s products, prices and stock in this shop.`;
    return `${pos}’s products, prices and stock in this shop; sales here and on the web shop back in ${pos}.`;
  }
  const names = view.providers.filter((p) => p.configured).map((p) => p.name);
  if (names.length === 0) return 'A point of sale’s products, prices and stock in this shop, once the marketplace sets one up.';
  const offer = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : (names[0] ?? '');
  return `Link ${offer}: its products, prices and stock in this shop; sales here and on the web shop back in it.`;
}

const PITCH: Record<PosProvider, string> = {
  square: 'Items, prices and stock from Square; sales here and web orders go back to Square.',
  shopify: 'Products, prices and stock from your Shopify store; sales here and web orders go back to Shopify.',
  toast: 'Your Toast menu, prices and stock; sales here go back to Toast when your Toast access allows it.',
};

/** One line on a point of sale's card: what linking it brings. */
export function providerPitch(provider: PosProvider): string {
  return PITCH[provider];
}

/** What a connection may not do, for the connection card; null when it may write stock and orders (or none is made). */
export function readOnlyNote(provider: PosProvider, pos: string, capabilities: BridgeView['capabilities']): string | null {
  if (!capabilities) return null;
  const catalog = provider === 'toast' ? 'menu' : 'catalog';
  if (!capabilities.stockWrite) {
    return `Read-only: this ${pos} connection imports the ${catalog} and follows stock, but sales here do not change ${pos}’s stock — adjust it in ${pos}.`;
  }
  if (!capabilities.orderWrite) return `No orders: this ${pos} connection keeps stock in step, but may not create orders, so web orders reach ${pos} as stock changes only.`;
  return null;
}

export interface WebOrdersWords {
  label: string;
  text: string;
  /** why the option cannot be turned on, or null */
  refused: string | null;
}

/** The "Show web orders in …" option: what on and off mean (Square's 1 % fee only for Square), and why it is refused. */
export function webOrdersWords(provider: PosProvider, pos: string, on: boolean, capabilities: BridgeView['capabilities']): WebOrdersWords {
  const label = `Show web orders in ${pos}`;
  const mayWrite = { stockWrite: capabilities?.stockWrite ?? true, orderWrite: capabilities?.orderWrite ?? true };
  if (!mayWrite.orderWrite && !on) {
    return { label, text: `This ${pos} connection may not create orders, so web orders cannot show in ${pos}.`, refused: `To use it, connect ${pos} again and grant access to orders.` };
  }
  const fee = provider === 'square' ? ` ${pos} charges 1 % on orders paid outside ${pos}.` : '';
  if (on) return { label, text: `Web orders appear in ${pos} as orders paid elsewhere, so staff can accept them and mark them ready there.${fee}`, refused: null };
  const off = mayWrite.stockWrite ? `Off: web sales reach ${pos} as stock adjustments only.` : `Off: web sales do not reach ${pos} (this connection may not change its stock).`;
  const turnOn = provider === 'square' ? ` Turn it on to see web orders in ${pos} — ${pos} charges 1 % on orders paid outside ${pos}.` : ` Turn it on to see web orders in ${pos}.`;
  return { label, text: `${off}${turnOn}`, refused: null };
}
