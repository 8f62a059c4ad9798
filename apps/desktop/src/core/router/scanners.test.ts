import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unpluggableMock } from '../scanners/test-devices';
import { ean13, managerApproval, signIn } from '../test/fixtures';
import { createCounterContext, type OpenCounterContext } from './context';
import { createCallerFactory, counterRouter } from './index';
import { expectRefused, reader, startKit, type CounterClient, type Kit } from './test-kit';

let kit: Kit;
let c: CounterClient;
beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
});
afterAll(() => kit.close());
afterEach(async () => {
  await kit.core.scanners.stopReaders();
  await signIn(kit.core, kit.shop, 'cashier');
});

describe('scanners.scan and quick-add', () => {
  it('answers a keyboard-wedge scan with what became of it', async () => {
    expect(await c.scanners.scan.mutate({ code: kit.shop.barcodes.croissant })).toMatchObject({ status: 'added', cart: { lines: [expect.objectContaining({ sku: 'CRO-1' })] } });
    const misread = `${kit.shop.barcodes.loaf.slice(0, 12)}0`;
    expect(await c.scanners.scan.mutate({ code: misread })).toMatchObject({ status: 'invalid', error: { code: 'INVALID_BARCODE' } });
    const unknown = ean13('501234566666');
    expect(await c.scanners.scan.mutate({ code: unknown })).toMatchObject({ status: 'unknown', code: unknown, canQuickAdd: true });
    await c.cart.clear.mutate({});
  });

  it('quick-adds an unknown barcode with a manager’s PIN, tells sync, and sells it', async () => {
    const code = ean13('501234566667');
    const input = { code, name: 'Elderflower Cordial', priceCents: 650, taxClass: 'standard', addToCart: false };
    await expectRefused(kit.core, () => c.scanners.quickAdd.mutate(input), 'FORBIDDEN');
    await expectRefused(kit.core, () => c.scanners.quickAdd.mutate({ ...input, taxClass: 'luxury', approval: managerApproval(kit.shop) }), 'BAD_INPUT');
    const options = await c.scanners.quickAddOptions.query();
    expect(options.taxRates.map((r) => r.taxClass)).toEqual(['standard', 'zero']);
    const pokes = kit.sync.calls.notifyLocalWrite;

    const added = await c.scanners.quickAdd.mutate({ ...input, approval: managerApproval(kit.shop) });

    expect(kit.sync.calls.notifyLocalWrite).toBe(pokes + 1);
    expect(kit.sync.status().pending).toBeGreaterThanOrEqual(1);
    expect(await c.scanners.scan.mutate({ code })).toMatchObject({ status: 'added', cart: { lines: [expect.objectContaining({ variantId: added.variantId })] } });
    await c.cart.clear.mutate({});
  });
});

describe('serial scanner settings', () => {
  it('are for managers only, validated, and write nothing when refused', async () => {
    const good = { name: 'Hand scanner', path: '/dev/ttyACM0', baudRate: 9600 };
    await expectRefused(kit.core, () => c.scanners.create.mutate(good), 'FORBIDDEN');
    await signIn(kit.core, kit.shop, 'manager');
    for (const bad of [
      { ...good, path: '  ' },
      { ...good, baudRate: 9601 },
      { ...good, suffix: '' },
      { ...good, prefix: 'ABCDE' },
      { ...good, prefix: '\x02\r', suffix: '\r' },
      { ...good, name: '' },
    ]) {
      await expectRefused(kit.core, () => c.scanners.create.mutate(bad), 'BAD_INPUT');
    }
    const made = await c.scanners.create.mutate(good);
    expect(made).toMatchObject({ ...good, prefix: '', suffix: '\r', enabled: true });
    await expectRefused(kit.core, () => c.scanners.create.mutate({ ...good, name: 'Second' }), 'CONFLICT');
    await expectRefused(kit.core, () => c.scanners.update.mutate({ id: made.id, prefix: '\r' }), 'BAD_INPUT');

    expect(await c.scanners.update.mutate({ id: made.id, baudRate: 115200, suffix: '\r\n' })).toMatchObject({ baudRate: 115200, suffix: '\r\n', path: good.path });
    expect(await c.scanners.list.query()).toEqual([expect.objectContaining({ id: made.id, baudRate: 115200, link: null })]);
    await c.scanners.remove.mutate({ id: made.id });
    await expectRefused(kit.core, () => c.scanners.remove.mutate({ id: made.id }), 'NOT_FOUND');
    expect(await c.scanners.list.query()).toEqual([]);
  });
});

describe('serial scans reach the screens', () => {
  let ctx: OpenCounterContext;
  const createCaller = createCallerFactory(counterRouter);
  beforeAll(() => {
    ctx = createCounterContext(kit.core, kit.sync);
  });
  afterAll(() => ctx.close());

  it('a code from a serial scanner is announced on onScan, and cart followers see the item without asking', async () => {
    const caller = createCaller(ctx);
    const mock = unpluggableMock('/dev/ttyUSB9');
    await kit.core.scanners.create({ name: 'Till scanner', path: '/dev/ttyUSB9' });
    const statuses = reader(await caller.scanners.onStatus());
    const scans = reader(await caller.scanners.onScan());
    const carts = reader(await caller.cart.onChange());
    expect(await carts.next()).toBeNull();

    await kit.core.scanners.startReaders({ binding: mock.binding, retry: { initialMs: 20, maxMs: 80 } });
    let status = await statuses.next();
    while (status.state !== 'connected') status = await statuses.next();
    mock.emit(`${kit.shop.barcodes.loaf}\r`);

    expect(await scans.next()).toMatchObject({ source: 'serial', outcome: { status: 'added', code: kit.shop.barcodes.loaf } });
    expect((await carts.next())?.lines.map((l) => l.sku)).toEqual(['LOAF-1']);
    await Promise.all([statuses.stop(), scans.stop(), carts.stop()]);
    await caller.cart.clear({});
  });
});
