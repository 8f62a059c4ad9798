import { z } from 'zod';
import { PosError, type ExtOrderStatus, type OutboundOrder } from '../types';
import type { ToastApi, ToastEnv } from './client';
import { toDollars, type MenuIndex } from './mapping';

const orderSchema = z.object({
  guid: z.string(),
  externalId: z.string().nullish(),
  modifiedDate: z.string().nullish(),
  approvalStatus: z.string().nullish(),
  voided: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  checks: z
    .array(
      z.object({
        paymentStatus: z.string().nullish(),
        voided: z.boolean().nullish(),
        payments: z.array(z.object({ type: z.string().nullish(), otherPayment: z.object({ guid: z.string().nullish() }).nullish() })).nullish(),
        selections: z.array(z.object({ voided: z.boolean().nullish(), fulfillmentStatus: z.string().nullish() })).nullish(),
      }),
    )
    .nullish(),
});
export type ToastOrder = z.infer<typeof orderSchema>;

export function parseOrder(raw: unknown): ToastOrder | null {
  const r = orderSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * Toast's order in our terms. Voided or deleted → cancelled. Every live selection READY (the kitchen display) →
 * ready; and collected when the check was then closed with a payment taken at the till (paid at pickup). An order
 * paid online closes at once in Toast and Toast reports no pickup, so it stays "ready" there: the shop marks it
 * collected in Makeries. A selection fired to the kitchen, or an approved order → accepted. Otherwise nothing yet.
 */
export function statusOf(order: ToastOrder, ourPaymentGuid: string | null): ExtOrderStatus | null {
  if (order.voided === true || order.deleted === true) return 'cancelled';
  const checks = (order.checks ?? []).filter((c) => c.voided !== true);
  if (checks.length === 0 && (order.checks ?? []).length > 0) return 'cancelled';
  const selections = checks.flatMap((c) => (c.selections ?? []).filter((s) => s.voided !== true));
  if (selections.length > 0 && selections.every((s) => s.fulfillmentStatus === 'READY')) {
    const paidAtTill = checks.every(
      (c) => c.paymentStatus === 'CLOSED' && (c.payments ?? []).some((p) => !(p.type === 'OTHER' && ourPaymentGuid !== null && p.otherPayment?.guid === ourPaymentGuid)),
    );
    return paidAtTill ? 'collected' : 'ready';
  }
  if (selections.some((s) => s.fulfillmentStatus === 'SENT' || s.fulfillmentStatus === 'READY') || order.approvalStatus === 'APPROVED') return 'accepted';
  return null;
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`, the form Toast's order queries take. */
function toastTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** The take-out dining option: configured, or the restaurant's first TAKE_OUT one (`GET /config/v2/diningOptions`). */
async function diningOption(api: ToastApi, env: ToastEnv, restaurant: string): Promise<string> {
  if (env.TOAST_DINING_OPTION_GUID) return env.TOAST_DINING_OPTION_GUID;
  const r = await api.call<unknown>({ method: 'GET', path: '/config/v2/diningOptions', restaurant });
  const list = z.array(z.object({ guid: z.string(), behavior: z.string().nullish() })).safeParse(r.data);
  const found = (list.success ? list.data : []).find((o) => o.behavior === 'TAKE_OUT');
  if (!found) throw new PosError('rejected', 'This Toast restaurant has no take-out dining option for web orders.');
  return found.guid;
}

function customerOf(o: OutboundOrder): Record<string, string> {
  const parts = o.customerName.trim().split(/\s+/);
  const firstName = parts[0] ?? 'Makeries';
  const lastName = parts.slice(1).join(' ') || 'Customer';
  // Toast takes at most 53 ASCII characters: an address it would refuse is left out rather than shortened
  const email = o.customerEmail.length <= 53 && /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(o.customerEmail) ? o.customerEmail : null;
  return { firstName, lastName, phone: o.customerPhone, ...(email ? { email } : {}) };
}

/** The order Toast is asked to create; every externalId derives from the push's idempotency key. */
export async function orderBody(api: ToastApi, env: ToastEnv, restaurant: string, o: OutboundOrder, key: string, menu: MenuIndex): Promise<Record<string, unknown>> {
  // one selection per item: Toast prices it from its menu, so lines split for exact paid totals (order-outbound.ts) merge
  const merged = new Map<string, OutboundOrder['lines'][number]>();
  for (const l of o.lines) {
    const seen = merged.get(l.variantExtId);
    merged.set(l.variantExtId, seen ? { ...seen, quantity: seen.quantity + l.quantity } : l);
  }
  const selections = [...merged.values()].map((l, i) => {
    const entry = menu.byMlid.get(l.variantExtId);
    if (!entry) throw new PosError('rejected', `${l.name} is no longer on the Toast menu.`);
    if (entry.inStoreOnly) throw new PosError('rejected', `${l.name} needs a choice made at the till in Toast.`);
    return { entityType: 'MenuItemSelection', externalId: `${key}-${String(i)}`, item: { guid: entry.item.guid, entityType: 'MenuItem' }, itemGroup: { guid: entry.groupGuid, entityType: 'MenuGroup' }, quantity: l.quantity };
  });
  let payments: unknown[] = [];
  if (o.paymentRef) {
    if (!env.TOAST_OTHER_PAYMENT_GUID) throw new PosError('rejected', 'Paid web orders need the Toast payment type for online payments (TOAST_OTHER_PAYMENT_GUID); the order was not sent.');
    payments = [{ type: 'OTHER', otherPayment: { guid: env.TOAST_OTHER_PAYMENT_GUID }, amount: toDollars(o.totalCents), tipAmount: 0, externalId: `${key}-pay` }];
  }
  return {
    entityType: 'Order',
    externalId: key,
    diningOption: { guid: await diningOption(api, env, restaurant), entityType: 'DiningOption' },
    checks: [{ entityType: 'Check', externalId: `${key}-c`, tabName: `Makeries ${o.number}`.slice(0, 60), selections, customer: customerOf(o), payments }],
  };
}

/**
 * The order Toast already has under this externalId (a POST refused as a duplicate: the first one committed), looked
 * up in `ordersBulk` by modified date, one hour at a time over the last day, newest first.
 */
export async function findByExternalId(api: ToastApi, restaurant: string, externalId: string, now: Date): Promise<ToastOrder | null> {
  for (let h = 0; h < 24; h++) {
    const end = new Date(now.getTime() - h * 3_600_000 + 60_000);
    const start = new Date(end.getTime() - 3_600_000 - 60_000);
    for (let pageNo = 1; pageNo <= 50; pageNo++) {
      const r = await api.call<unknown[] | null>({
        method: 'GET',
        path: '/orders/v2/ordersBulk',
        restaurant,
        query: { startDate: toastTime(start), endDate: toastTime(end), pageSize: '100', page: String(pageNo) },
      });
      const list = Array.isArray(r.data) ? r.data : [];
      for (const raw of list) {
        const order = parseOrder(raw);
        if (order?.externalId === externalId) return order;
      }
      if (list.length < 100) break;
    }
  }
  return null;
}
