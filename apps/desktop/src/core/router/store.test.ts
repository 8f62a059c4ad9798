import { logoFromArt, type Change } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSaleReceipt } from '../printing/documents/index';
import { renderEscPos } from '../printing/escpos/index';
import { layoutDocument, type TextRow } from '../printing/layout/index';
import { decodeEscPos } from '../printing/test/escpos-decoder';
import { writeLogoCache } from '../store/logo-cache';
import { createCredentialStore } from '../sync/credentials';
import { signIn } from '../test/fixtures';
import { expectRefused, startKit, type Kit } from './test-kit';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const outboxRows = (k: Kit, name: string) =>
  (k.core.ctx.sqlite.prepare('SELECT args, status FROM outbox WHERE name = ? ORDER BY mutation_id').all(name) as { args: string; status: string }[]).map((r) => ({
    ...r,
    args: JSON.parse(r.args) as Record<string, unknown>,
  }));

/** The vendor row as the server's feed would send it now (without this counter's pending changes). */
function serverVendor(k: Kit, extra: Record<string, unknown> = {}): Change {
  return {
    entity: 'vendor',
    op: 'upsert',
    id: k.shop.vendorId,
    data: { name: 'Crumb Bakery', currency: 'GBP', taxMode: 'inclusive', timezone: 'Europe/London', phone: '0117 496 0000', addressLine1: '3 Mill Lane', city: 'Bristol', postcode: 'BS3 1AA', ...extra },
  };
}

function sellLoaf(k: Kit) {
  if (!k.core.shifts.current()) k.core.shifts.open({ floatCents: 5000 });
  k.core.cart.addVariant({ variantId: k.shop.variants.loaf, quantity: 2 });
  const cart = k.core.cart.current();
  if (!cart) throw new Error('no cart');
  return k.core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
}

describe('store settings at the counter', () => {
  it('saves profile, hours and receipt texts at once, queues them, and keeps them over a pulled row until the server has them', async () => {
    kit = await startKit({ signedIn: 'manager' });
    const hours = [
      { day: 1, open: '08:00', close: '12:30' },
      { day: 1, open: '13:30', close: '17:00' },
    ];
    const saved = await kit.client.store.update.mutate({ name: 'Crumb & Co', email: 'Hello@Crumb.example', openingHours: hours, receiptHeader: 'Fresh every morning  \n', receiptFooter: 'Thank you!\nReturns within 14 days', taxNumber: 'VAT GB 123 4567 89' });
    expect(saved).toMatchObject({ name: 'Crumb & Co', email: 'hello@crumb.example', openingHours: hours, receiptHeader: 'Fresh every morning', receiptFooter: 'Thank you!\nReturns within 14 days', pendingChanges: 1 });
    expect(outboxRows(kit, 'vendor.settings')).toEqual([
      { status: 'pending', args: expect.objectContaining({ staffId: kit.shop.staff.manager, patch: expect.objectContaining({ name: 'Crumb & Co', taxNumber: 'VAT GB 123 4567 89' }) }) },
    ]);
    expect(kit.sync.calls.notifyLocalWrite).toBeGreaterThan(0);

    // a pull of the server's older row does not undo what is still queued
    kit.core.mirror.applyPage({ changes: [serverVendor(kit, { description: 'Sourdough since 1999' })], nextCursor: '2', epoch: 'epoch-1' });
    expect(await kit.client.store.settings.query()).toMatchObject({ name: 'Crumb & Co', description: 'Sourdough since 1999', receiptHeader: 'Fresh every morning' });
    // once acknowledged, the server's row is the truth again
    kit.core.ctx.sqlite.prepare(`UPDATE outbox SET status = 'applied' WHERE name = 'vendor.settings'`).run();
    kit.core.mirror.applyPage({ changes: [serverVendor(kit, { name: 'Crumb (server)' })], nextCursor: '3', epoch: 'epoch-1' });
    expect(await kit.client.store.settings.query()).toMatchObject({ name: 'Crumb (server)', receiptHeader: '', pendingChanges: 0 });
  });

  it('pauses with a reason and reopens; a pause without a reason is refused', async () => {
    kit = await startKit({ signedIn: 'owner' });
    const k = kit;
    await expectRefused(k.core, () => k.client.store.setPaused.mutate({ paused: true, reason: '  ' }), 'BAD_INPUT');
    expect(await k.client.store.setPaused.mutate({ paused: true, reason: 'Back at 2pm' })).toMatchObject({ paused: true, pausedReason: 'Back at 2pm' });
    expect(await k.client.store.setPaused.mutate({ paused: false })).toMatchObject({ paused: false, pausedReason: null });
    expect(outboxRows(k, 'vendor.pause').map((r) => [r.args.paused, r.args.reason])).toEqual([
      [true, 'Back at 2pm'],
      [false, ''],
    ]);
  });

  it('refuses a cashier and bad values with a clear code, writing nothing', async () => {
    kit = await startKit({ signedIn: 'cashier' });
    const k = kit;
    await expectRefused(k.core, () => k.client.store.update.mutate({ name: 'Mine now' }), 'FORBIDDEN');
    await expectRefused(k.core, () => k.client.store.setPaused.mutate({ paused: true, reason: 'Lunch' }), 'FORBIDDEN');
    await signIn(k.core, k.shop, 'manager');
    await expectRefused(k.core, () => k.client.store.update.mutate({ email: 'not-an-email' }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.store.update.mutate({ openingHours: [{ day: 2, open: '17:00', close: '09:00' }] }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.store.update.mutate({ receiptFooter: 'x'.repeat(49) }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.store.update.mutate({ receiptHeader: '1\n2\n3\n4\n5\n6\n7' }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.store.update.mutate({}), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.store.update.mutate({ name: '   ' }), 'BAD_INPUT');
  });

  it('says the logo needs the connection when the marketplace cannot be reached, and changes nothing', async () => {
    kit = await startKit({ signedIn: 'manager' });
    const k = kit;
    createCredentialStore(k.t.dir).write({ deviceId: k.shop.deviceId, token: 'device-token', serverUrl: 'http://127.0.0.1:9' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const err = await expectRefused(k.core, () => k.client.store.uploadLogo.mutate({ contentType: 'image/png', dataBase64: png }), 'CONFLICT');
    expect(err.message).toMatch(/needs a connection/);
    await expectRefused(k.core, () => k.client.store.uploadLogo.mutate({ contentType: 'image/gif' as 'image/png', dataBase64: png }), 'BAD_INPUT');
  });
});

describe('receipts carry the store settings', () => {
  it('prints and previews the logo, header, tax number and footer (ESC/POS decoded)', async () => {
    kit = await startKit({ signedIn: 'manager' });
    const k = kit;
    await k.client.store.update.mutate({ receiptHeader: 'Open 7 days a week', receiptFooter: 'Thank you for shopping local\nSee you soon', taxNumber: 'VAT GB 999 8888 77' });
    const logo = logoFromArt(['################', '#..............#', '################']);
    writeLogoCache(k.core.ctx.sqlite, { path: 'vendors/x/receipt-logo-1.png', logo });
    k.core.mirror.applyPage({ changes: [serverVendor(k, { receiptLogoPath: 'vendors/x/receipt-logo-1.png' })], nextCursor: '2', epoch: 'epoch-1' });
    expect((await k.client.store.settings.query()).logo).toEqual({ path: 'vendors/x/receipt-logo-1.png', dots: logo });

    const sale = sellLoaf(k);
    const preview = await k.client.printers.receiptDocument.query({ saleId: sale.id });
    expect(preview).toMatchObject({ header: ['Open 7 days a week'], footer: ['Thank you for shopping local', 'See you soon'], store: { taxNumber: 'VAT GB 999 8888 77', logo } });

    const doc = buildSaleReceipt(k.core.ctx.db, sale, { serverUrl: null });
    const text = layoutDocument(doc, { paperWidth: 80 }).rows.filter((r): r is TextRow => r.kind === 'text').map((r) => r.text.trim());
    expect(text.indexOf('Open 7 days a week')).toBeGreaterThan(text.indexOf('VAT GB 999 8888 77'));
    const job = decodeEscPos(renderEscPos(doc, { paperWidth: 80, commandSet: 'epson', codePage: 'PC858_EURO' }), { commandSet: 'epson' });
    expect(job.commands.find((c) => c.kind === 'image')).toMatchObject({ kind: 'image', height: 3 }); // centred: padded to the paper's middle
    const lines = job.lines.map((l) => l.trim());
    for (const want of ['VAT GB 999 8888 77', 'Open 7 days a week', 'Thank you for shopping local', 'See you soon']) expect(lines).toContain(want);
    expect(lines).not.toContain('Thank you!');
  });

  it('prints no logo while its dots are not here yet, and the default footer when the shop has none', async () => {
    kit = await startKit({ signedIn: 'cashier' });
    const k = kit;
    k.core.mirror.applyPage({ changes: [serverVendor(k, { receiptLogoPath: 'vendors/x/receipt-logo-2.png' })], nextCursor: '2', epoch: 'epoch-1' });
    const sale = sellLoaf(k);
    const doc = buildSaleReceipt(k.core.ctx.db, sale, { serverUrl: null });
    expect(doc).toMatchObject({ header: [], footer: ['Thank you!'], store: { logo: null, taxNumber: null } });
  });
});
