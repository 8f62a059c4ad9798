import type { KitchenTicketDocument } from '@makeries/shared';
import { formatsFor } from './format';
import { storeHeader } from './header';
import { lineName } from './receipt';
import type { RowWriter } from './writer';

const FULFILMENT: Record<KitchenTicketDocument['fulfilment'], string> = { pickup: 'PICKUP', delivery: 'DELIVERY', counter: 'COUNTER' };

/**
 * Kitchen / pickup ticket for a web order: read at arm's length while packing, so the order number, the
 * fulfilment and each item's quantity are large; prices are left out except the total and whether it is paid.
 */
export function layoutKitchenTicket(w: RowWriter, doc: KitchenTicketDocument): void {
  const f = formatsFor(doc);
  storeHeader(w, doc.store, { full: false });
  w.rule('=');
  w.text(FULFILMENT[doc.fulfilment], { align: 'center', bold: true, size: 'double' });
  w.text(doc.orderNumber, { align: 'center', bold: true, size: 'double' });
  if (doc.pickupAt) w.text(`${doc.fulfilment === 'delivery' ? 'Deliver' : 'Ready'} by ${f.time(doc.pickupAt)}`, { align: 'center', bold: true, size: 'tall' });
  else if (doc.prepMinutes !== null) w.text(`Prep time ${doc.prepMinutes} min`, { align: 'center', bold: true, size: 'tall' });
  w.blank();
  w.pair('Placed', f.dateTime(doc.placedAt));
  w.pair('Status', doc.status);
  if (doc.customerName) w.pair('Customer', doc.customerName);
  if (doc.customerPhone) w.pair('Phone', doc.customerPhone);
  if (doc.deliveryAddress.length > 0) {
    w.text('Deliver to:', { bold: true });
    for (const a of doc.deliveryAddress) w.text(a, { indent: 2 });
  }
  w.rule();
  for (const l of doc.lines) {
    const qty = l.soldBy === 'weight' ? f.amountOf('weight', l.quantity) : `${l.quantity} x`;
    w.text(`${qty} ${lineName(l)}`, { bold: true, size: 'tall' });
    if (l.note) w.text(`Note: ${l.note}`, { indent: 4 });
  }
  w.rule();
  if (doc.note) {
    w.text(`Order note: ${doc.note}`, { bold: true });
    w.rule();
  }
  const items = doc.lines.reduce((n, l) => n + (l.soldBy === 'each' ? l.quantity : 1), 0);
  w.pair('Items', String(items));
  w.pair('Total', f.money(doc.totalCents));
  w.text(doc.paid ? 'PAID ONLINE' : `TO PAY ${f.money(doc.totalCents)}`, { align: 'center', bold: true, size: 'tall' });
  w.text(`Printed ${f.dateTime(doc.printedAt)}`, { align: 'center' });
}
