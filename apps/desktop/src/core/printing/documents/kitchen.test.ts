import { uuidv7, type Change } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../mirror/apply-changes';
import { codeOf } from '../../test/fixtures';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildKitchenTicket } from './index';
import { printingShop, type PrintingShop } from './test-kit';

let s: PrintingShop | undefined;
afterEach(() => s?.t.cleanup());

function webOrder(id: string, data: Record<string, unknown>): Change {
  return {
    entity: 'web_order',
    op: 'upsert',
    id,
    data: {
      number: 'W-0007', status: 'accepted', fulfilment: 'pickup', currency: 'GBP', taxMode: 'inclusive', subtotalCents: 1960, taxCents: 0,
      totalCents: 1960, paymentStatus: 'pay_at_pickup', placedAt: '2025-05-01T09:30:00.000Z', pickupAt: '2025-05-01T10:30:00.000Z',
      prepMinutes: 20, note: 'Ring the bell twice', contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '07700 900123' },
      lines: [
        { id: uuidv7(), lineNo: 1, name: 'Sourdough Loaf', sku: 'LOAF-1', quantity: 2, unitPriceCents: 450, totalCents: 900 },
        { id: uuidv7(), lineNo: 2, name: 'Mature Cheddar', variantName: 'Extra mature', sku: '01234', quantity: 500, soldBy: 'weight', unitPriceCents: 2120, totalCents: 1060 },
      ],
      ...data,
    },
  };
}

const printed = (doc: Parameters<typeof layoutDocument>[0], paperWidth: 58 | 80) =>
  layoutDocument(doc, { paperWidth })
    .rows.filter((r): r is TextRow => r.kind === 'text')
    .map((r) => r.text);

describe('buildKitchenTicket', () => {
  it('puts the order number, pickup time, customer and each item large, and says it is still to pay', async () => {
    s = await printingShop();
    const id = uuidv7();
    applyChanges(s.t.core.ctx.sqlite, [webOrder(id, {})]);
    const order = s.t.core.webOrders.byId(id);
    const doc = buildKitchenTicket(s.t.core.ctx.db, order, { printedAt: '2025-05-01T09:31:00.000Z' });
    expect(doc).toMatchObject({
      kind: 'kitchen',
      orderNumber: 'W-0007',
      fulfilment: 'pickup',
      status: 'accepted',
      customerName: 'Ada Lovelace',
      customerPhone: '07700 900123',
      deliveryAddress: [],
      paid: false,
      totalCents: 1960,
      store: { name: 'Café Müller' },
    });
    const layout = layoutDocument(doc, { paperWidth: 58 });
    const rows = layout.rows.filter((r): r is TextRow => r.kind === 'text');
    expect(rows.find((r) => r.text === 'W-0007')).toMatchObject({ size: 'double', bold: true, align: 'center' });
    expect(rows.find((r) => r.text === 'PICKUP')).toMatchObject({ size: 'double' });
    expect(rows.find((r) => r.text === '2 x Sourdough Loaf')).toMatchObject({ size: 'tall', bold: true });
    const text = rows.map((r) => r.text);
    // 10:30 UTC is 11:30 in London in May
    expect(text).toContain('Ready by 11:30');
    expect(text).toContain('0.500 kg Mature Cheddar (Extra');
    expect(text).toContain('mature)');
    expect(text.some((l) => l.startsWith('Customer') && l.endsWith('Ada Lovelace'))).toBe(true);
    expect(text).toContain('Order note: Ring the bell twice');
    expect(text).toContain('TO PAY £19.60');
    expect(text.some((l) => l.startsWith('Items') && l.endsWith(' 3'))).toBe(true);
  });

  it('prints the delivery address for a paid delivery', async () => {
    s = await printingShop();
    const id = uuidv7();
    applyChanges(s.t.core.ctx.sqlite, [
      webOrder(id, { fulfilment: 'delivery', paymentStatus: 'paid', pickupAt: null, deliveryAddress: { line1: '4 Quay Street', line2: 'Flat 2', city: 'Bristol', postcode: 'BS1 4DJ' } }),
    ]);
    const doc = buildKitchenTicket(s.t.core.ctx.db, s.t.core.webOrders.byId(id), { printedAt: '2025-05-01T09:31:00.000Z' });
    expect(doc.deliveryAddress).toEqual(['4 Quay Street', 'Flat 2', 'Bristol BS1 4DJ']);
    const text = printed(doc, 80);
    expect(text).toContain('DELIVERY');
    expect(text).toContain('Prep time 20 min');
    expect(text).toContain('Deliver to:');
    expect(text).toContain('  Bristol BS1 4DJ');
    expect(text).toContain('PAID ONLINE');
    expect(text.join('\n')).not.toContain('TO PAY');
  });

  it('refuses a ticket without a print time', async () => {
    s = await printingShop();
    const id = uuidv7();
    applyChanges(s.t.core.ctx.sqlite, [webOrder(id, {})]);
    const order = s.t.core.webOrders.byId(id);
    expect(codeOf(() => buildKitchenTicket(s!.t.core.ctx.db, order, { printedAt: 'now' }))).toBe('BAD_INPUT');
    expect(codeOf(() => buildKitchenTicket(s!.t.core.ctx.db, { ...order, lines: [] }, { printedAt: '2025-05-01T09:31:00.000Z' }))).toBe('BAD_INPUT');
  });
});
