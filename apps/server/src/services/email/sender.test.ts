import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, jobs } from '../../db/schema/index';
import { describeEachDb, testEnv } from '../../test/harness';
import { addProduct, checkoutRequest, createShop } from '../orders/test-kit';
import { renderMessage } from './message';
import { createJobRuntime } from '../../jobs/runtime';
import { sendQueuedEmails } from './email-test-kit';
import { EMAIL_JOB, MAX_EMAIL_ATTEMPTS, registerEmailJobs } from './sender';
import { decodeHeader, parseMessage, startFakeSmtp } from './smtp-test-kit';
import { fileTransport, mailDir, smtpTransport, transportFromEnv, type MailTransport } from './transport';

describeEachDb('order emails: the sender', (get) => {
  const db = () => get().database.db;
  const from = 'orders@makeries.test';

  /** A fresh outbox with the confirmations of `count` new orders. */
  async function queued(count = 1) {
    await db().delete(emailOutbox);
    await db().delete(jobs).where(eq(jobs.kind, EMAIL_JOB));
    const shop = await createShop(db(), { vendor: { name: 'Café Crème' } });
    const tart = await addProduct(db(), shop.vendorId, { name: 'Tart', priceCents: 425 });
    const anon = await get().caller();
    const placed = [];
    for (let i = 0; i < count; i++) {
      const [o] = (await anon.orders.checkout(checkoutRequest([[tart, 2]], [{ vendorId: shop.vendorId }]))).orders;
      if (!o) throw new Error('no order');
      placed.push(o);
    }
    return placed;
  }

  it('without SMTP_URL writes each email as an .eml file under DATA_DIR/mail, once', async () => {
    const [order] = await queued();
    if (!order) throw new Error('no order');
    const env = testEnv({ DATA_DIR: mkdtempSync(join(tmpdir(), 'mk-mail-')) });
    const transport = transportFromEnv(env);
    expect(transport.description).toBe(`files in ${join(env.DATA_DIR, 'mail')}`);

    expect(await sendQueuedEmails(db(), { transport, from })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);

    const files = readdirSync(mailDir(env));
    expect(files).toEqual([`${row?.id}.eml`]);
    const { headers, body } = parseMessage(readFileSync(join(mailDir(env), files[0]!), 'utf8'));
    expect(headers.to).toBe('<ada@example.test>');
    expect(headers.from).toBe(`<${from}>`);
    expect(headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(decodeHeader(headers.subject!)).toBe(`Your order ${order.number} from Café Crème`);
    expect(body).toContain(`Order ${order.number} — Café Crème`);
    expect(body).toContain('2 × Tart — £8.50');
    expect(body).toContain('Total: £8.50');
    const link = `${get().env.PUBLIC_URL}/orders/${order.id}?t=${order.trackingToken}`;
    expect(body).toContain(`Follow your order: ${link}`);
    // the link really opens the order for a guest
    const t = new URL(link).searchParams.get('t') ?? '';
    expect((await (await get().caller()).orders.byId({ orderId: order.id, trackingToken: t })).number).toBe(order.number);

    expect(await sendQueuedEmails(db(), { transport, from })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(readdirSync(mailDir(env))).toHaveLength(1);
  });

  it('sends through SMTP the exact message, retries a 4xx later with backoff, and never sends twice', async () => {
    const [order] = await queued();
    let refuse = true;
    const server = await startFakeSmtp({ answer: (c) => (c.startsWith('RCPT') && refuse ? '451 4.7.1 greylisted, try later' : undefined) });
    try {
      const transport = smtpTransport({ url: server.url });
      const t0 = Date.now() + 1000;
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t0 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const [waiting] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting?.lastError).toContain('451');
      expect(waiting!.nextAttemptAt.getTime()).toBe(t0 + 30_000);

      refuse = false;
      // not due yet: nothing goes out
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t0 + 29_000 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t0 + 31_000 })).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t0 + 3_600_000 })).toEqual({ sent: 0, retrying: 0, failed: 0 });

      expect(server.received).toHaveLength(1);
      const [sent] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
      expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
      const expected = renderMessage({ id: sent!.id, from, to: sent!.to, subject: sent!.subject, body: sent!.body, date: sent!.createdAt });
      expect(server.received[0]).toEqual({ auth: null, from, to: ['ada@example.test'], data: expected });
      expect(parseMessage(expected).body).toContain(`?t=${order!.trackingToken}`);
    } finally {
      await server.close();
    }
  });

  it('gives up as failed after the last attempt, with waits growing up to 30 minutes', async () => {
    const [order] = await queued();
    const server = await startFakeSmtp({ answer: (c) => (c.startsWith('MAIL') ? '421 4.3.2 shutting down' : undefined) });
    try {
      const transport = smtpTransport({ url: server.url });
      let t = Date.now() + 1000;
      const waits: number[] = [];
      for (let i = 1; i <= MAX_EMAIL_ATTEMPTS; i++) {
        const r = await sendQueuedEmails(db(), { transport, from, now: () => t });
        expect(r).toEqual(i < MAX_EMAIL_ATTEMPTS ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
        const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
        waits.push(row!.nextAttemptAt.getTime() - t);
        t = row!.nextAttemptAt.getTime();
      }
      expect(waits.slice(0, 7).map((w) => w / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1800]);
      const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_EMAIL_ATTEMPTS });
      expect(row?.lastError).toContain('421');
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t + 86_400_000 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a 5xx answer is a permanent failure: failed at once, never retried', async () => {
    const [order] = await queued();
    const server = await startFakeSmtp({ answer: (c) => (c.startsWith('RCPT') ? '550 5.1.1 no such mailbox here' : undefined) });
    try {
      const transport = smtpTransport({ url: server.url });
      const t = Date.now() + 1000;
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t })).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row?.lastError).toContain('550');
      expect(await sendQueuedEmails(db(), { transport, from, now: () => t + 86_400_000 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('the job runtime sends at start, and stop() waits for the batch in flight', async () => {
    const [order] = await queued();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered: () => void = () => {};
    const sending = new Promise<void>((r) => (entered = r));
    const delivered: string[] = [];
    const slow: MailTransport = {
      description: 'slow',
      async send(m) {
        entered();
        await gate;
        delivered.push(m.to);
      },
    };
    const runtime = createJobRuntime(db());
    registerEmailJobs(runtime, db(), { transport: slow, from });
    runtime.start({ pollMs: 3_600_000 });
    await sending;
    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(delivered).toEqual(['ada@example.test']);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
    expect(row?.status).toBe('sent');
  });

  it('two server instances sending at once send each email exactly once', async () => {
    const placed = await queued(4);
    const dir = mkdtempSync(join(tmpdir(), 'mk-mail-'));
    const server = await startFakeSmtp();
    try {
      const [a, b] = await Promise.all([
        sendQueuedEmails(db(), { transport: smtpTransport({ url: server.url }), from }),
        sendQueuedEmails(db(), { transport: fileTransport(dir), from }),
      ]);
      const rest = await sendQueuedEmails(db(), { transport: fileTransport(dir), from });
      expect(a.sent + b.sent + rest.sent).toBe(placed.length);
      expect(server.received.length + readdirSync(dir).length).toBe(placed.length);
      const rows = await db().select().from(emailOutbox);
      expect(rows.map((r) => r.status)).toEqual(placed.map(() => 'sent'));
    } finally {
      await server.close();
    }
  });
});
