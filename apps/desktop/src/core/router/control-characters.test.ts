import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval } from '../test/fixtures';
import { errorData, expectRefused, startKit, type CounterClient, type Kit } from './test-kit';

/*
 * Free text with a NUL or another control character is refused by the counter itself (the shared text() rule),
 * with BAD_INPUT naming the field, before anything is written or queued for the server — which would refuse it.
 */

let kit: Kit;
let c: CounterClient;
const ids = { saleId: '', loafLine: '' };

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
  await c.shifts.open.mutate({ floatCents: 5000 });
  await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
  ids.saleId = (await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 500 }] })).id;
  ids.loafLine = (await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf })).lineId;
});
afterAll(() => kit.close());

const NUL = 'Jam\u0000';
type Case = [string, () => Promise<unknown>, string];

const cases = (): Case[] => [
  ['cart.note', () => c.cart.note.mutate({ note: `Gift wrap ${NUL}` }), 'note'],
  ['cart.lineNote', () => c.cart.lineNote.mutate({ lineId: ids.loafLine, note: 'sliced\u0007' }), 'note'],
  ['cart.park label', () => c.cart.park.mutate({ label: 'Mrs \u202Eylgu' }), 'label'],
  ['cart.clear reason', () => c.cart.clear.mutate({ reason: `changed mind ${NUL}` }), 'reason'],
  ['refunds.create reason', () => c.refunds.create.mutate({ saleId: ids.saleId, restock: true, reason: `stale ${NUL}`, approval: managerApproval(kit.shop) }), 'reason'],
  ['shifts.paidOut reason', () => c.shifts.paidOut.mutate({ amountCents: 500, reason: `milk ${NUL}` }), 'reason'],
  ['shifts.noSale reason', () => c.shifts.noSale.mutate({ reason: 'change\u0085' }), 'reason'],
  ['staff.override action', () => c.staff.override.mutate({ staffId: kit.shop.staff.manager, pin: '2222', action: `discount ${NUL}` }), 'action'],
  ['catalog.search text', () => c.catalog.search.query({ text: NUL }), 'text'],
  [
    'catalogEdit.save product name',
    () => c.catalogEdit.save.mutate({ name: NUL, variants: [{ sku: 'JAM-NUL', priceCents: 300 }], approval: managerApproval(kit.shop) }),
    'name',
  ],
  [
    'catalogEdit.save description',
    () => c.catalogEdit.save.mutate({ name: 'Jam', description: `Sweet ${NUL}`, variants: [{ sku: 'JAM-NUL', priceCents: 300 }], approval: managerApproval(kit.shop) }),
    'description',
  ],
];

describe('control characters in free text at the counter', () => {
  it.each(cases().map((x) => [x[0], x] as const))('%s: BAD_INPUT naming the field, nothing written', async (_name, [, call, path]) => {
    const err = await expectRefused(kit.core, call, 'BAD_INPUT');
    const issue = errorData(err).issues?.find((i) => i.path === path);
    expect(issue?.message).toMatch(/cannot contain control characters/);
    expect(errorData(err).httpStatus).toBe(400);
  });

  it('a note with line breaks, accents and emoji is kept as typed', async () => {
    const cart = await c.cart.note.mutate({ note: 'Crème brûlée 🍓\nfor Zoë' });
    expect(cart.note).toBe('Crème brûlée 🍓\nfor Zoë');
  });
});
