import { WEIGHT_ORDER_LIMITS, type CartSnapshotLine } from '@makeries/shared';

/**
 * The cart lives in the browser (localStorage) until checkout. Lines keep a snapshot of what the customer saw,
 * so the cart renders at once; `cart.quote` then checks it against current prices, stock and shop rules.
 */
export type CartLine = CartSnapshotLine;

export interface VendorChoice {
  type: 'pickup' | 'delivery';
  /** ISO time of the chosen pickup/delivery slot; null = as soon as possible */
  pickupAt: string | null;
}

export interface CartState {
  lines: CartLine[];
  choices: Record<string, VendorChoice>;
  /** the promo code the customer entered (upper case); checked by `cart.quote` and again at checkout */
  promoCode?: string;
}

export const EMPTY_CART: CartState = { lines: [], choices: {} };
export const MAX_EACH = 99;

export function maxQuantity(soldBy: CartLine['soldBy']): number {
  return soldBy === 'weight' ? WEIGHT_ORDER_LIMITS.maxGrams : MAX_EACH;
}

function clampQuantity(q: number, soldBy: CartLine['soldBy']): number {
  return Math.min(maxQuantity(soldBy), Math.max(0, Math.round(q)));
}

/** Adding an item already in the cart adds to its quantity (one line per variant, as checkout merges them). */
export function addToCart(cart: CartState, line: CartLine): CartState {
  const existing = cart.lines.find((l) => l.variantId === line.variantId);
  if (existing) {
    return {
      ...cart,
      lines: cart.lines.map((l) =>
        l.variantId === line.variantId ? { ...line, quantity: clampQuantity(l.quantity + line.quantity, line.soldBy) } : l,
      ),
    };
  }
  const quantity = clampQuantity(line.quantity, line.soldBy);
  return quantity > 0 ? { ...cart, lines: [...cart.lines, { ...line, quantity }] } : cart;
}

export function setQuantity(cart: CartState, variantId: string, quantity: number): CartState {
  const lines = cart.lines
    .map((l) => (l.variantId === variantId ? { ...l, quantity: clampQuantity(quantity, l.soldBy) } : l))
    .filter((l) => l.quantity > 0);
  return pruneChoices({ ...cart, lines });
}

export function removeLine(cart: CartState, variantId: string): CartState {
  return pruneChoices({ ...cart, lines: cart.lines.filter((l) => l.variantId !== variantId) });
}

export function setChoice(cart: CartState, vendorId: string, choice: VendorChoice): CartState {
  return { ...cart, choices: { ...cart.choices, [vendorId]: choice } };
}

/** Entering (or, with null, removing) a promo code: one code per cart. */
export function setPromoCode(cart: CartState, code: string | null): CartState {
  const trimmed = code?.trim().toUpperCase() ?? '';
  if (!trimmed) return { lines: cart.lines, choices: cart.choices };
  return { ...cart, promoCode: trimmed.slice(0, 40) };
}

/** After checkout: the ordered shops leave the cart, anything else stays. */
export function removeVendors(cart: CartState, vendorIds: readonly string[]): CartState {
  return pruneChoices({ ...cart, lines: cart.lines.filter((l) => !vendorIds.includes(l.vendorId)) });
}

function pruneChoices(cart: CartState): CartState {
  const vendors = new Set(cart.lines.map((l) => l.vendorId));
  return { ...cart, choices: Object.fromEntries(Object.entries(cart.choices).filter(([id]) => vendors.has(id))) };
}

/** What the header badge counts: items, with a weighed item counting once. */
export function cartCount(cart: CartState): number {
  return cart.lines.reduce((n, l) => n + (l.soldBy === 'weight' ? 1 : l.quantity), 0);
}

function isLine(v: unknown): v is CartLine {
  if (!v || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  return (
    typeof l.variantId === 'string' &&
    typeof l.productId === 'string' &&
    typeof l.vendorId === 'string' &&
    typeof l.vendorSlug === 'string' &&
    typeof l.vendorName === 'string' &&
    typeof l.productName === 'string' &&
    typeof l.variantName === 'string' &&
    Number.isSafeInteger(l.unitPriceCents) &&
    typeof l.currency === 'string' &&
    (l.soldBy === 'each' || l.soldBy === 'weight') &&
    (l.imageThumb === null || typeof l.imageThumb === 'string') &&
    Number.isSafeInteger(l.quantity) &&
    (l.quantity as number) > 0
  );
}

function isChoice(v: unknown): v is VendorChoice {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return (c.type === 'pickup' || c.type === 'delivery') && (c.pickupAt === null || typeof c.pickupAt === 'string');
}

/** Whatever is stored (an older version, a hand edit) becomes a valid cart: bad lines are dropped. */
export function parseCart(json: string | null): CartState {
  if (!json) return EMPTY_CART;
  try {
    const v = JSON.parse(json) as { lines?: unknown; choices?: unknown; promoCode?: unknown };
    const lines = Array.isArray(v.lines) ? v.lines.filter(isLine) : [];
    const rawChoices = v.choices && typeof v.choices === 'object' ? (v.choices as Record<string, unknown>) : {};
    const choices = Object.fromEntries(Object.entries(rawChoices).filter((e): e is [string, VendorChoice] => isChoice(e[1])));
    const promo = typeof v.promoCode === 'string' && v.promoCode.length <= 40 ? { promoCode: v.promoCode } : {};
    return pruneChoices({ lines, choices, ...promo });
  } catch {
    return EMPTY_CART;
  }
}
