import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSaleReceipt } from '../printing/documents/index';
import { proofsSettled } from '../staff/proofs';
import { storeOf } from '../store/store';
import { createServerShop, eventually, makeCounter, readyToSell, sell, serverClient, syncUntil, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { customersOf } from './customers';

/*
 * Store settings, customers and emailed receipts end to end: a counter against the real marketplace server
 * process, offline first, then synced. Mail lands as .eml files under the server's DATA_DIR/mail.
 */
let server: ServerProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'store-sync-server-'));
const counters: TestCounter[] = [];
beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
});

/** A 24×8 PNG: a black bar on white (8-bit greyscale), built by hand so the counter needs no image library. */
function barPng(): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(24, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: 8 }, (_, y) => Buffer.from([0, ...Array.from({ length: 24 }, () => (y >= 2 && y < 6 ? 0 : 255))])));
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return png.toString('base64');
}

function mailFiles(): string[] {
  try {
    return readdirSync(join(dataDir, 'mail')).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
}

describe('store settings, customers and receipt emails through sync', () => {
  it('finds a customer online, emails the receipt queued offline, and the .eml has the lines and totals after sync', async () => {
    const shop = await createServerShop(server.url, 'Larder');
    const email = `ada-${Date.now()}@larder.example`;
    // sign-up answers only "check your email"; signing in tells the account's id
    await serverClient(server.url).auth.customerSignup.mutate({ name: 'Ada Lovelace', email, password: 'correct horse battery' });
    const { customer } = await serverClient(server.url).auth.customerLogin.mutate({ email, password: 'correct horse battery' });
    const till = makeCounter(server.url, { random: () => 0.25 });
    counters.push(till);
    await till.sync.pair(await shop.pairingCode());
    await readyToSell(till.core, shop);
    const customers = customersOf(till.core.ctx);

    const found = await customers.lookup({ query: email.toUpperCase() });
    // not yet a customer of this shop: the name comes masked, the email as the cashier typed it
    expect(found).toMatchObject({ id: customer.id, name: 'A•••e', email, known: false });
    expect(await customers.lookup({ query: `nobody-${email}` })).toBeNull();
    till.core.cart.addVariant({ variantId: shop.loaf.id, quantity: 2 });
    if (!found) throw new Error('not found');
    customers.attach({ customer: found });
    const cart = till.core.cart.current();
    if (!cart) throw new Error('no cart');
    const sale = till.core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
    // the counter does not know it is online until a sync says so: the UI says "Will send when back online"
    expect(customers.emailReceipt({ saleId: sale.id, to: customers.forSale({ saleId: sale.id }).email ?? '' })).toMatchObject({ to: email, status: 'pending' });

    await syncUntil(till.sync, 'the sale and the email request are applied', () => expect(till.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));
    const file = await eventually('the receipt email is written', () => {
      const hit = mailFiles()
        .map((f) => readFileSync(join(dataDir, 'mail', f), 'utf8').replace(/=\r\n/g, ''))
        .find((m) => m.includes(`Receipt ${sale.number}`) && m.includes(shop.name));
      if (!hit) throw new Error('no .eml yet');
      return hit;
    });
    expect(file).toContain(`To: <${email}>`);
    expect(file).toMatch(/2 =C3=97 Larder Sourdough =E2=80=94 =C2=A39.00/);
    expect(file).toContain('Total: =C2=A39.00');
    expect(customers.receiptEmails({ saleId: sale.id })).toEqual([expect.objectContaining({ to: email, status: 'applied' })]);
  });

  it('a manager’s settings and pause reach the storefront within a sync, and an uploaded logo prints at every counter', async () => {
    const shop = await createServerShop(server.url, 'Pantry');
    const manager = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Pantry Manager', email: `mgr-${Date.now()}@pantry.example`, password: 'correct horse battery', pin: '8642' });
    const till = makeCounter(server.url, { random: () => 0.25 });
    counters.push(till);
    await till.sync.pair(await shop.pairingCode());
    await till.core.staff.login({ staffId: manager.id, pin: '8642' });
    // the marketplace's proof of the manager's PIN, fetched in the background of the sign-in
    await proofsSettled(till.core.ctx, [manager.id]);
    const store = storeOf(till.core.ctx);

    store.update({ description: 'Jams and chutneys', receiptFooter: 'Thanks for shopping local', taxNumber: 'VAT GB 555 1234 00' });
    store.setPaused({ paused: true, reason: 'Stocktake, back at 3pm' });
    await syncUntil(till.sync, 'the settings are applied', () => expect(till.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));
    const storefront = await serverClient(server.url).vendors.byId.query({ vendorId: shop.vendorId });
    expect(storefront).toMatchObject({ description: 'Jams and chutneys', paused: true, pausedReason: 'Stocktake, back at 3pm' });

    const withLogo = await store.uploadLogo({ contentType: 'image/png', dataBase64: barPng() });
    expect(withLogo.logo?.dots).toMatchObject({ width: 24, height: 8 });

    // a second counter of the shop gets the path through the feed and the dots once, then prints them offline
    const other = makeCounter(server.url, { random: () => 0.25 });
    counters.push(other);
    await other.sync.pair(await shop.pairingCode());
    await syncUntil(other.sync, 'the logo path arrives', () => expect(storeOf(other.core.ctx).settings().logo?.path).toBe(withLogo.logo?.path));
    expect(await storeOf(other.core.ctx).refreshLogo()).toBe(true);
    await readyToSell(other.core, shop);
    const sale = sell(other.core, shop.bun);
    const doc = buildSaleReceipt(other.core.ctx.db, sale, { serverUrl: null });
    expect(doc).toMatchObject({ store: { taxNumber: 'VAT GB 555 1234 00', logo: withLogo.logo?.dots }, footer: ['Thanks for shopping local'] });
  });
});
