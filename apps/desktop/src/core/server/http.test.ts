import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore, type CounterCore } from '../index';
import { counterClient, type CounterClient } from '../router/test-kit';
import { createSyncClient } from '../sync/client';
import type { SyncController, SyncStatus } from '../sync/types';
import { PINS, type Shop } from '../test/fixtures';
import { startCounterServer, type RunningCounterServer } from './http';
import { prepareOfflineCounter, UNREACHABLE_SERVER } from './offline-fixture';

let dir: string;
let core: CounterCore;
let sync: SyncController;
let server: RunningCounterServer;
let shop: Shop;
let c: CounterClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-http-'));
  shop = await prepareOfflineCounter(dir);
  core = createCounterCore({ dataDir: dir });
  sync = createSyncClient({ core, serverUrl: UNREACHABLE_SERVER });
  server = await startCounterServer({ core, sync, port: 0 });
  c = counterClient(server.url);
});
afterAll(async () => {
  await server.close();
  await sync.stop();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads server-sent events from a streaming response: `{ event, data }` per message, pings skipped. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  const it = body[Symbol.asyncIterator]();
  let buffer = '';
  return async function next(ms = 5000): Promise<{ event: string; data: unknown }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim() ?? 'message';
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (event === 'ping' || data === '') continue;
        return { event, data: JSON.parse(data) as unknown };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event arrived in time');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        it.next(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no event arrived in time')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

describe('the counter API over HTTP, with the marketplace unreachable', () => {
  it('answers /healthz without a PIN', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, paired: true, registerCode: 'A1', online: false, pending: 0, rejected: 0 });
  });

  it('sells offline: PIN, float, scan, cash with change, receipt', async () => {
    await c.staff.login.mutate({ staffId: shop.staff.cashier, pin: PINS.cashier });
    await c.shifts.open.mutate({ floatCents: 5000 });
    await c.cart.addByScan.mutate({ code: shop.barcodes.loaf });
    await c.cart.addByScan.mutate({ code: shop.barcodes.croissant });
    const { cart } = await c.cart.addByScan.mutate({ code: shop.barcodes.croissant });
    expect(cart.totals.totalCents).toBe(450 + 2 * 195);
    const tender = await c.sales.tender.query();
    expect(tender.options.find((o) => o.kind === 'stripe_terminal')).toMatchObject({ available: false });
    const sale = await c.sales.complete.mutate({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: 2000 }] });
    expect(sale).toMatchObject({ number: 'A1-000001', totalCents: 840, paidCents: 840, changeCents: 1160, syncStatus: 'pending' });
    expect(sale.payments).toEqual([expect.objectContaining({ kind: 'cash', amountCents: 840, tenderedCents: 2000, changeCents: 1160 })]);
    const receipt = await c.sales.receipt.query({ saleId: sale.id });
    expect(receipt.sale.lines.map((l) => [l.name, l.quantity, l.totalCents])).toEqual([
      ['Sourdough Loaf', 1, 450],
      ['Butter Croissant', 2, 390],
    ]);
    expect((await c.shifts.xReport.query()).cash?.expectedCents).toBe(5000 + 840);
    expect((await c.sync.status.query()).pending).toBeGreaterThanOrEqual(2); // the shift opening and the sale
  });

  it('streams sync status over SSE: now, and when a sync attempt fails', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/trpc/sync.onStatus`, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const next = sseReader(res.body as ReadableStream<Uint8Array>);
    expect((await next()).event).toBe('connected');
    const first = (await next()).data as SyncStatus;
    expect(first).toMatchObject({ paired: true, online: false });
    await c.sync.syncNow.mutate();
    let status = (await next()).data as SyncStatus;
    while (!status.lastError) status = (await next()).data as SyncStatus;
    expect(status).toMatchObject({ online: false, lastError: expect.stringMatching(/\w/) });
    abort.abort();
  });

  it('streams cart changes over SSE', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/trpc/cart.onChange`, { signal: abort.signal });
    const next = sseReader(res.body as ReadableStream<Uint8Array>);
    expect((await next()).event).toBe('connected');
    expect((await next()).data).toBeNull();
    await c.cart.addByScan.mutate({ code: shop.barcodes.jam });
    expect((await next()).data).toMatchObject({ lines: [expect.objectContaining({ sku: 'JAM-1' })] });
    await c.cart.clear.mutate({ reason: 'test' });
    expect((await next()).data).toBeNull();
    abort.abort();
  });

  it('serves the built UI on the same origin as the API when given one, and only then', async () => {
    const ui = join(dir, 'ui');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Makeries Counter</title>');
    const withUi = await startCounterServer({ core, sync, port: 0, uiDir: ui });
    try {
      expect(withUi.servesUi).toBe(true);
      const page = await fetch(`${withUi.url}/`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('Makeries Counter');
      expect(await (await fetch(`${withUi.url}/healthz`)).json()).toMatchObject({ ok: true });
      expect((await fetch(`${withUi.url}/trpc/sync.status`)).status).toBe(200);
    } finally {
      await withUi.close();
    }
    expect(server.servesUi).toBe(false);
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });

  it('closes promptly even with a subscription open', async () => {
    const extra = await startCounterServer({ core, sync, port: 0 });
    const res = await fetch(`${extra.url}/trpc/sync.onStatus`);
    const next = sseReader(res.body as ReadableStream<Uint8Array>);
    expect((await next()).event).toBe('connected');
    const started = Date.now();
    await extra.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`${extra.url}/healthz`)).rejects.toThrow();
  });
});
