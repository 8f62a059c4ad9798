import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7, type ReceiptEmailArgs, type VendorPauseArgs, type VendorSettingsArgs } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { customers, emailOutbox, staff, vendors } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { sendQueuedEmails } from '../email/email-test-kit';
import { fileTransport } from '../email/transport';
import { addProduct, envelope, epochOf, pairCounter, pullUntil, saleArgs, settle, type Counter } from './sync-test-kit';

const now = () => new Date().toISOString();

describeEachDb('sync.push store settings, pause and receipt emails', (get) => {
  const db = () => get().database.db;

  async function push(c: Counter, ...items: [Parameters<typeof envelope>[1], unknown][]) {
    const me = await c.caller.devices.me();
    const start = me.device.lastMutationId + 1;
    const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: items.map(([name, args], i) => envelope(start + i, name, args)) });
    return res.results;
  }
  const vendorRow = async (id: string) => (await db().select().from(vendors).where(eq(vendors.id, id)))[0];
  const settings = (c: Counter, patch: VendorSettingsArgs['patch'], staffId = c.staffId): VendorSettingsArgs => ({ id: uuidv7(), staffId, changedAt: now(), patch });

  it('applies profile, hours and receipt settings, and the change feed carries them to counters', async () => {
    const c = await pairCounter(get());
    const epoch = await epochOf(db());
    const cursor = await settle(db(), c.caller, epoch, '0');
    const hours = [{ day: 1, open: '08:00', close: '17:30' }];
    const results = await push(
      c,
      ['vendor.settings', settings(c, { name: 'Crumb & Co', phone: '0117 496 0000', openingHours: hours, receiptHeader: 'Fresh every morning\n', receiptFooter: 'Thanks!\nSee you soon', taxNumber: 'VAT GB 123 4567 89' })],
    );
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied']);
    expect(await vendorRow(c.shop.vendorId)).toMatchObject({ name: 'Crumb & Co', phone: '0117 496 0000', openingHours: hours, receiptHeader: 'Fresh every morning', receiptFooter: 'Thanks!\nSee you soon', taxNumber: 'VAT GB 123 4567 89' });
    const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.entity === 'vendor' && (x.data as { name?: string } | null)?.name === 'Crumb & Co'));
    expect(fed.changes.find((x) => x.entity === 'vendor')?.data).toMatchObject({ receiptHeader: 'Fresh every morning', receiptFooter: 'Thanks!\nSee you soon', taxNumber: 'VAT GB 123 4567 89', receiptLogoPath: null });
  });

  it('pauses with a reason the storefront shows, and reopening clears it', async () => {
    const c = await pairCounter(get());
    const pause = (paused: boolean, reason = ''): VendorPauseArgs => ({ id: uuidv7(), staffId: c.staffId, changedAt: now(), paused, reason });
    expect((await push(c, ['vendor.pause', pause(true, 'Back at 2pm')])).map((r) => r.status)).toEqual(['applied']);
    const anon = await get().caller();
    expect(await anon.vendors.byId({ vendorId: c.shop.vendorId })).toMatchObject({ paused: true, pausedReason: 'Back at 2pm' });
    await push(c, ['vendor.pause', pause(false)]);
    expect(await anon.vendors.byId({ vendorId: c.shop.vendorId })).toMatchObject({ paused: false, pausedReason: null });
  });

  it('rejects a cashier’s change (FORBIDDEN) and bad values (BAD_INPUT) and writes nothing', async () => {
    const c = await pairCounter(get());
    const [cashier] = await db().select({ id: staff.id }).from(staff).where(and(eq(staff.vendorId, c.shop.vendorId), eq(staff.role, 'cashier')));
    const before = await vendorRow(c.shop.vendorId);
    const results = await push(
      c,
      ['vendor.settings', settings(c, { name: 'Cashier Was Here' }, cashier!.id)],
      ['vendor.settings', settings(c, { email: 'not-an-email' })],
      ['vendor.settings', settings(c, { openingHours: [{ day: 1, open: '18:00', close: '09:00' }] })],
      ['vendor.settings', settings(c, { receiptFooter: Array.from({ length: 9 }, () => 'line').join('\n') })],
      ['vendor.settings', { ...settings(c, {}), patch: {} }],
    );
    expect(results.map((r) => r.code)).toEqual(['FORBIDDEN', 'BAD_INPUT', 'BAD_INPUT', 'BAD_INPUT', 'BAD_INPUT']);
    const after = await vendorRow(c.shop.vendorId);
    expect(after).toMatchObject({ name: before!.name, email: before!.email, receiptFooter: '' });
  });

  it('queues the receipt email after the sale, writes an .eml with lines and totals, and re-queues a corrected address once', async () => {
    const c = await pairCounter(get());
    await push(c, ['vendor.settings', settings(c, { receiptFooter: 'Thank you for shopping local', taxNumber: 'VAT GB 999' })]);
    const pie = await addProduct(db(), c.shop.vendorId, { name: 'Pork Pie', priceCents: 250, stock: 10 });
    const sale = saleArgs(c, [[pie, 2]]);
    const email = (to: string): ReceiptEmailArgs => ({ id: uuidv7(), orderId: sale.id, to, staffId: c.staffId, requestedAt: now() });
    expect((await push(c, ['sale.complete', sale], ['receipt.email', email('Ada@Example.test')])).map((r) => r.code ?? r.status)).toEqual(['applied', 'applied']);
    const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, sale.id));
    expect(rows.map((r) => [r.kind, r.to, r.status])).toEqual([['receipt', 'ada@example.test', 'queued']]);
    expect(rows[0]?.subject).toBe(`Your receipt ${sale.number} from ${(await vendorRow(c.shop.vendorId))?.name}`);

    const dir = mkdtempSync(join(tmpdir(), 'receipt-mail-'));
    await sendQueuedEmails(db(), { transport: fileTransport(dir), from: 'no-reply@makeries.test' });
    const eml = readFileSync(join(dir, `${rows[0]!.id}.eml`), 'utf8').replace(/=\r\n/g, '');
    expect(eml).toContain('To: <ada@example.test>');
    expect(eml).toMatch(/2 =C3=97 .+ =E2=80=94 =C2=A35.00/);
    expect(eml).toContain('Total: =C2=A35.00');
    expect(eml).toContain('Paid by cash');
    expect(eml).toContain('VAT GB 999');
    expect(eml).toContain('Thank you for shopping local');
    // and an HTML part beside the text, for mail apps that show HTML
    expect(eml).toContain('Content-Type: multipart/alternative');
    expect(eml).toContain('Content-Type: text/html; charset=utf-8');
    expect(eml).toContain('<pre style=3D');

    // the same address again: nothing new; a corrected address: the one row, queued again for the new address
    await push(c, ['receipt.email', email('ada@example.test')]);
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, sale.id))).map((r) => [r.to, r.status])).toEqual([['ada@example.test', 'sent']]);
    await push(c, ['receipt.email', email('ada.l@example.test')]);
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, sale.id))).map((r) => [r.to, r.status, r.attempts])).toEqual([['ada.l@example.test', 'queued', 0]]);
    expect(readdirSync(dir)).toHaveLength(1);
    // its send job starts over: the corrected address gets the receipt
    await sendQueuedEmails(db(), { transport: fileTransport(dir), from: 'no-reply@makeries.test' });
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, sale.id))).map((r) => [r.to, r.status, r.attempts])).toEqual([['ada.l@example.test', 'sent', 1]]);
    expect(readFileSync(join(dir, `${rows[0]!.id}.eml`), 'utf8')).toContain('To: <ada.l@example.test>');
  });

  it('rejects a bad address or an unknown sale and queues nothing', async () => {
    const c = await pairCounter(get());
    const orderId = uuidv7();
    const results = await push(
      c,
      ['receipt.email', { id: uuidv7(), orderId, to: 'ada@', staffId: c.staffId, requestedAt: now() }],
      ['receipt.email', { id: uuidv7(), orderId, to: 'ada@example.test', staffId: c.staffId, requestedAt: now() }],
    );
    expect(results.map((r) => r.code)).toEqual(['BAD_INPUT', 'NOT_FOUND']);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId))).toEqual([]);
  });
});

describeEachDb('counterCustomers: lookup and receipt logo', (get) => {
  const db = () => get().database.db;

  it('finds a customer by exact email (any case) or phone digits, and nobody by a partial match', async () => {
    const c = await pairCounter(get());
    const id = uuidv7();
    const email = `grace-${id.slice(-6)}@example.test`;
    const phone = `07700 9${id.slice(-5).replace(/\D/g, '7').padStart(5, '1')}`;
    await db().insert(customers).values({ id, email, name: 'Grace Hopper', phone, passwordHash: 'unusable' });
    // not (yet) a customer of this shop: masked (customer-lookup.test.ts covers the shop's own customers)
    expect(await c.caller.counterCustomers.lookup({ query: email.toUpperCase() })).toEqual({
      id,
      name: 'G•••r',
      email,
      phone: `•••• ${phone.replace(/\D/g, '').slice(-3)}`,
      known: false,
    });
    expect(await c.caller.counterCustomers.lookup({ query: phone.replace(/\s/g, '-') })).toMatchObject({ id });
    expect(await c.caller.counterCustomers.lookup({ query: email.slice(0, 8) })).toBeNull();
    await expect(c.caller.counterCustomers.lookup({ query: 'a' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const anon = await get().caller();
    await expect(anon.counterCustomers.lookup({ query: email })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('turns an uploaded image into printer dots, stores it on the vendor, and refuses what is not an image', async () => {
    const c = await pairCounter(get());
    // a black 40×20 box with a white 20×10 hole, on a transparent background wider than 384 dots
    const px = Buffer.alloc(800 * 40 * 4, 0);
    for (let y = 10; y < 30; y++) for (let x = 380; x < 420; x++) px.writeUInt32BE(y >= 15 && y < 25 && x >= 390 && x < 410 ? 0xffffffff : 0x000000ff, (y * 800 + x) * 4);
    const png = await sharp(px, { raw: { width: 800, height: 40, channels: 4 } }).png().toBuffer();
    const saved = await c.caller.counterCustomers.uploadReceiptLogo({ contentType: 'image/png', dataBase64: png.toString('base64') });
    expect(saved.logo).toMatchObject({ width: 384, height: 19 });
    expect(saved.path).toMatch(new RegExp(`^vendors/${c.shop.vendorId}/receipt-logo-.*\\.png$`));
    expect((await db().select({ p: vendors.receiptLogoPath }).from(vendors).where(eq(vendors.id, c.shop.vendorId)))[0]?.p).toBe(saved.path);
    expect(await c.caller.counterCustomers.receiptLogo()).toEqual(saved);

    await expect(c.caller.counterCustomers.uploadReceiptLogo({ contentType: 'image/png', dataBase64: Buffer.from('hello, not a picture').toString('base64') })).rejects.toMatchObject({
      message: expect.stringMatching(/PNG, JPEG or WebP/),
    });
    const blank = await sharp({ create: { width: 50, height: 20, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await expect(c.caller.counterCustomers.uploadReceiptLogo({ contentType: 'image/png', dataBase64: blank.toString('base64') })).rejects.toMatchObject({ message: expect.stringMatching(/blank/) });
    expect(await c.caller.counterCustomers.receiptLogo()).toEqual(saved);
    await c.caller.counterCustomers.removeReceiptLogo();
    expect(await c.caller.counterCustomers.receiptLogo()).toBeNull();
  });
});

