import type { ErrorIssue } from '@makeries/shared';

/** What a failed checkout call carries to the browser (`TRPCClientError.data` of our error formatter). */
export interface CheckoutFailure {
  appCode?: string | undefined;
  message: string;
  issues?: ErrorIssue[] | undefined;
  details?: Record<string, unknown> | undefined;
}

/** A failed checkout sorted into where the customer will look: the line, the shop, the form field, or the top. */
export interface CheckoutErrorView {
  summary: string;
  lines: Record<string, string>;
  vendors: Record<string, string[]>;
  fields: Record<string, string>;
}

interface Shortage {
  variantId: string;
  available: number;
}

interface Problem {
  vendorId: string;
  message: string;
}

function shortages(details: Record<string, unknown> | undefined): Shortage[] {
  const list = details?.shortages;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s: unknown): s is Shortage =>
      typeof s === 'object' && s !== null && 'variantId' in s && typeof s.variantId === 'string' && 'available' in s && typeof s.available === 'number',
  );
}

function problems(details: Record<string, unknown> | undefined): Problem[] {
  const list = details?.problems;
  if (Array.isArray(list)) {
    return list.filter(
      (p: unknown): p is Problem =>
        typeof p === 'object' && p !== null && 'vendorId' in p && typeof p.vendorId === 'string' && 'message' in p && typeof p.message === 'string',
    );
  }
  return [];
}

const SHOP_CODES = new Set(['VENDOR_PAUSED', 'VENDOR_CLOSED', 'BELOW_MINIMUM', 'OUTSIDE_DELIVERY_ZONE', 'FULFILMENT_UNAVAILABLE']);

export function explainCheckoutError(f: CheckoutFailure): CheckoutErrorView {
  const view: CheckoutErrorView = { summary: f.message, lines: {}, vendors: {}, fields: {} };
  if (f.appCode === 'OUT_OF_STOCK') {
    for (const s of shortages(f.details)) {
      view.lines[s.variantId] = s.available > 0 ? `Only ${s.available} left — lower the quantity to continue.` : 'Sold out — remove it to continue.';
    }
    view.summary = 'Some items are no longer in stock. Nothing was ordered — please check the marked lines.';
  } else if (f.appCode && SHOP_CODES.has(f.appCode)) {
    const list = problems(f.details);
    for (const p of list) view.vendors[p.vendorId] = [...(view.vendors[p.vendorId] ?? []), p.message];
    if (list.length === 0 && typeof f.details?.vendorId === 'string') view.vendors[f.details.vendorId] = [f.message];
    view.summary = 'Some shops cannot take this order as it is. Nothing was ordered — see the notes below.';
  } else if (f.appCode === 'NOT_FOUND' && Array.isArray(f.details?.variantIds)) {
    for (const id of f.details.variantIds) if (typeof id === 'string') view.lines[id] = 'No longer available — remove it to continue.';
  } else if (f.appCode === 'BAD_INPUT' && f.issues?.length) {
    for (const i of f.issues) view.fields[i.path] = i.message;
    view.summary = 'Please check the highlighted details.';
  } else if (!f.appCode) {
    view.summary = 'We could not reach Makeries. Check your connection and try again — a retry never orders twice.';
  }
  return view;
}
