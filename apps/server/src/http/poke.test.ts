import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../test/harness';
import { addProduct } from '../services/orders/test-kit';
import { pairCounter, type Counter } from '../services/sync/sync-test-kit';
import { registerPoke } from './poke';

/** Reads an SSE response as text, letting a test wait for the stream to contain something. */
class StreamReader {
  text = '';
  ended = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private pump: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
    this.pump = this.loop();
  }

  private async loop(): Promise<void> {
    for (;;) {
      const { done, value } = await this.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        this.ended = true;
        return;
      }
      this.text += this.decoder.decode(value, { stream: true });
    }
  }

  count(needle: string): number {
    return this.text.split(needle).length - 1;
  }

  async waitFor(needle: string, times = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.count(needle) < times) {
      if (Date.now() > deadline) throw new Error(`stream never showed ${times}× "${needle}": ${JSON.stringify(this.text)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('the stream never ended');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
    await this.pump;
  }
}

describeEachDb('GET /sync/poke', (get) => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    registerPoke(app, { database: get().database, env: get().env, keepAliveMs: 100 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  async function open(c: Counter, at = base): Promise<StreamReader> {
    const res = await fetch(`${at}/sync/poke`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    if (!res.body) throw new Error('no body');
    const stream = new StreamReader(res.body);
    await stream.waitFor(': connected');
    return stream;
  }

  async function changePrice(c: Counter, variant: { variantId: string; productId: string; sku: string }, priceCents: number) {
    const manager = await get().caller({ bearer: c.shop.managerToken });
    await manager.products.upsertVariant({ id: variant.variantId, productId: variant.productId, sku: variant.sku, priceCents });
  }

  it('pokes the counters of the shop whose data changed, and only them', async () => {
    const a = await pairCounter(get());
    const b = await pairCounter(get());
    const breadA = await addProduct(get().database.db, a.shop.vendorId, { name: 'A bread', priceCents: 100 });
    const breadB = await addProduct(get().database.db, b.shop.vendorId, { name: 'B bread', priceCents: 100 });
    const streamA = await open(a);
    const streamB = await open(b);
    try {
      await changePrice(a, breadA, 150);
      await streamA.waitFor('event: poke');
      await changePrice(b, breadB, 150);
      await streamB.waitFor('event: poke');
      // notifications arrive in commit order, so B's stream would already hold a poke for A's change
      expect(streamB.count('event: poke')).toBe(1);
      expect(streamA.count('event: poke')).toBe(1);
    } finally {
      await streamA.close();
      await streamB.close();
    }
  });

  it('sends keep-alive comments on a quiet stream', async () => {
    const c = await pairCounter(get());
    const stream = await open(c);
    try {
      await stream.waitFor(': keep-alive', 2);
      expect(stream.count('event: poke')).toBe(0);
    } finally {
      await stream.close();
    }
  });

  it('refuses anyone but a paired counter with 401', async () => {
    const c = await pairCounter(get());
    for (const init of [
      { url: `${base}/sync/poke` },
      { url: `${base}/sync/poke?token=not-a-token` },
      // a real device token in the query string no longer counts (it would sit in access logs)
      { url: `${base}/sync/poke?token=${encodeURIComponent(c.token)}` },
      { url: `${base}/sync/poke`, headers: { authorization: `Bearer ${c.shop.managerToken}` } },
    ]) {
      const res = await fetch(init.url, { headers: init.headers ?? {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('ends open streams when the server shuts down, so shutdown never hangs', async () => {
    const other = Fastify();
    registerPoke(other, { database: get().database, env: get().env });
    const at = await other.listen({ port: 0, host: '127.0.0.1' });
    const c = await pairCounter(get());
    const stream = await open(c, at);
    await other.close();
    await stream.waitForEnd();
    // the first app still shares the database's notifier, and keeps poking
    const again = await open(c);
    const bread = await addProduct(get().database.db, c.shop.vendorId, { name: 'Bread', priceCents: 100 });
    await changePrice(c, bread, 130);
    await again.waitFor('event: poke');
    await again.close();
  });
});
