import type { ReceiptStore } from '@makeries/shared';
import { textWidth, type RowWriter } from './writer';

/** Logo, then the store name as large as it reads well, then the address block, all centred. */
export function storeHeader(w: RowWriter, store: ReceiptStore, opts: { full: boolean }): void {
  if (opts.full && store.logo) {
    w.logo(store.logo);
    w.blank();
  }
  // double size when the name fits on two double-width lines, otherwise tall so it is not chopped into words
  const fitsDouble = textWidth(w.clean(store.name)) <= Math.floor(w.columns / 2) * 2;
  w.text(store.name, { align: 'center', bold: true, size: fitsDouble ? 'double' : 'tall' });
  if (!opts.full) return;
  for (const a of store.addressLines) w.text(a, { align: 'center' });
  if (store.phone) w.text(`Tel ${store.phone}`, { align: 'center' });
  if (store.taxNumber) w.text(store.taxNumber, { align: 'center' });
}
