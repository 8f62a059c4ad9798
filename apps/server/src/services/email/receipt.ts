import { formatDate, formatMoney, receiptTextLines, tenderLabel } from '@makeries/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderLines, orderPayments, orders, vendors } from '../../db/schema/index';
import type { ComposedEmail } from './compose';
import { isPlainAddress } from './message';

type Line = Pick<typeof orderLines.$inferSelect, 'name' | 'variantName' | 'quantity' | 'soldBy' | 'unitPriceCents' | 'discountCents' | 'totalCents'>;

function lineText(l: Line, money: (c: number) => string): string[] {
  const name = l.variantName && l.variantName !== 'Default' ? `${l.name} (${l.variantName})` : l.name;
  const qty = l.soldBy === 'weight' ? `${(l.quantity / 1000).toFixed(3)} kg` : `${l.quantity} ×`;
  const out = [`  ${qty} ${name} — ${money(l.totalCents)}`];
  if (l.discountCents > 0) out.push(`      discount −${money(l.discountCents)}`);
  return out;
}

/**
 * The customer's copy of a counter sale as a plain-text email: the shop's header (address, tax number, its own
 * header lines), every line, discount, tax, total, how it was paid, and the shop's footer lines. Null when the
 * sale is not this shop's (or not on the server) or the address could inject headers.
 */
export async function composeReceiptEmail(
  db: DbOrTx,
  locale: string,
  vendorId: string,
  orderId: string,
  to: string,
): Promise<ComposedEmail | null> {
  if (!isPlainAddress(to)) return null;
  const [row] = await db
    .select({ order: orders, shop: vendors })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(and(eq(orders.id, orderId), eq(orders.vendorId, vendorId)));
  if (!row) return null;
  const { order: o, shop } = row;
  const lines = await db
    .select({
      name: orderLines.name,
      variantName: orderLines.variantName,
      quantity: orderLines.quantity,
      soldBy: orderLines.soldBy,
      unitPriceCents: orderLines.unitPriceCents,
      discountCents: orderLines.discountCents,
      totalCents: orderLines.totalCents,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, o.id))
    .orderBy(asc(orderLines.lineNo));
  const payments = await db.select().from(orderPayments).where(eq(orderPayments.orderId, o.id)).orderBy(asc(orderPayments.createdAt), asc(orderPayments.id));
  const money = (c: number) => formatMoney(c, o.currency, locale);
  const change = payments.reduce((s, p) => s + p.changeCents, 0);
  const body = [
    shop.name,
    ...[shop.addressLine1, [shop.city, shop.postcode].filter(Boolean).join(' ')].filter((l) => l.trim()),
    ...(shop.phone ? [`Tel ${shop.phone}`] : []),
    ...(shop.taxNumber ? [shop.taxNumber] : []),
    ...receiptTextLines(shop.receiptHeader),
    '',
    `Receipt ${o.number}`,
    formatDate(o.placedAt, 'mediumDateTime', { timeZone: shop.timezone, locale }),
    '',
    ...lines.flatMap((l) => lineText(l, money)),
    '',
    ...(o.discountCents > 0 ? [`Discount: −${money(o.discountCents)}`] : []),
    ...(o.taxMode === 'exclusive' ? [`Tax: ${money(o.taxCents)}`] : []),
    `Total: ${money(o.totalCents)}`,
    ...(o.roundingCents !== 0 ? [`Cash rounding: ${money(o.roundingCents)}`, `Total paid: ${money(o.totalCents + o.roundingCents)}`] : []),
    ...(o.taxMode === 'inclusive' && o.taxCents > 0 ? [`Includes tax: ${money(o.taxCents)}`] : []),
    ...payments.map((p) => `Paid by ${tenderLabel(p.kind).toLowerCase()}: ${money(p.kind === 'cash' ? p.tenderedCents || p.amountCents : p.amountCents)}`),
    ...(change > 0 ? [`Change: ${money(change)}`] : []),
    ...(receiptTextLines(shop.receiptFooter).length > 0 ? ['', ...receiptTextLines(shop.receiptFooter)] : []),
    '',
    `— ${shop.name} via Makeries`,
  ].join('\n');
  return { to, subject: `Your receipt ${o.number} from ${shop.name}`, body };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The receipt's HTML part: the same lines, kept aligned like the paper copy. */
export function receiptHtml(text: string): string {
  const escaped = text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
  return `<!doctype html><html><body style="background:#f4f6f8;padding:16px"><pre style="font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;background:#fff;padding:16px;max-width:520px;margin:0 auto;white-space:pre-wrap">${escaped}</pre></body></html>`;
}
