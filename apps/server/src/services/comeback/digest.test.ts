import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, favouriteDigestSends, products } from '../../db/schema/index';
import { createJobRuntime } from '../../jobs/runtime';
import { countRows } from '../../routers/identity-test-kit';
import { createCustomerFixture, type CustomerFixture } from '../../test/fixtures';
import { describeEachDb, testEnv } from '../../test/harness';
import { addProduct, createShop, failure } from '../orders/test-kit';
import { isoWeek, registerFavouritesDigest, runFavouritesDigest } from './digest';
import { digestUnsubscribeToken } from './digest-token';

const DAY = 86_400_000;

describeEachDb('favourites digest', (get) => {
  const db = () => get().database.db;
  const env = testEnv();

  async function fan(opts: { verified?: boolean } = {}) {
    const customer = await createCustomerFixture(db(), opts);
    const me = await get().caller({ sessionCookie: customer.cookie });
    const name = `Hart Bakery ${customer.customerId.slice(-4)}`;
    const shop = { ...(await createShop(db(), { vendor: { name } })), name };
    await me.favourites.set({ vendorId: shop.vendorId, on: true });
    expect(await me.digest.set({ weekly: true })).toEqual({ weekly: true });
    return { customer, me, shop };
  }

  async function productAt(vendorId: string, name: string, at: number) {
    const p = await addProduct(db(), vendorId, { name, priceCents: 320 });
    await db().update(products).set({ createdAt: new Date(at) }).where(eq(products.id, p.productId));
    return p;
  }

  const emailsTo = (c: CustomerFixture) => db().select().from(emailOutbox).where(eq(emailOutbox.to, c.email));

  it('sends one email a week of the favourite shops’ new products, and none when nothing is new', async () => {
    const now = Date.UTC(2026, 11, 7, 9); // a Monday
    const a = await fan();
    expect(await a.me.digest.settings()).toEqual({ weekly: true });
    await productAt(a.shop.vendorId, 'Rye loaf', now - 3 * DAY);
    await productAt(a.shop.vendorId, 'Old loaf', now - 10 * DAY);
    const quiet = await fan(); // a favourite shop with nothing new

    await runFavouritesDigest(db(), env, new Date(now));
    const [email, ...more] = await emailsTo(a.customer);
    expect(more).toEqual([]);
    expect(email).toMatchObject({ kind: 'favourites_digest', subject: `New at ${a.shop.name}`, status: 'queued' });
    expect(email?.body).toContain('- Rye loaf, from £3.20: http://localhost:3000/p/');
    expect(email?.body).not.toContain('Old loaf');
    expect(email?.body).toContain(`/account/digest/unsubscribe?t=${encodeURIComponent(digestUnsubscribeToken(env, a.customer.customerId))}`);
    expect(await emailsTo(quiet.customer)).toEqual([]);

    // later the same week (another run, a restart): nothing more, even with something new since
    await productAt(a.shop.vendorId, 'Seeded loaf', now + DAY);
    await runFavouritesDigest(db(), env, new Date(now + 2 * DAY));
    expect(await emailsTo(a.customer)).toHaveLength(1);
    expect(await emailsTo(quiet.customer)).toEqual([]);

    // next week: only what is new since the last digest
    await runFavouritesDigest(db(), env, new Date(now + 7 * DAY));
    const bodies = (await emailsTo(a.customer)).map((e) => e.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain('Seeded loaf');
    expect(bodies[1]).not.toContain('Rye loaf');
    // the week after with nothing new: recorded as skipped, no email
    await runFavouritesDigest(db(), env, new Date(now + 14 * DAY));
    expect(await emailsTo(a.customer)).toHaveLength(2);
    const weeks = await db().select().from(favouriteDigestSends).where(eq(favouriteDigestSends.customerId, a.customer.customerId)).orderBy(favouriteDigestSends.week);
    expect(weeks.map((w) => [w.week, w.productCount, w.emailId !== null])).toEqual([
      [isoWeek(new Date(now)), 1, true],
      [isoWeek(new Date(now + 7 * DAY)), 1, true],
      [isoWeek(new Date(now + 14 * DAY)), 0, false],
    ]);
  });

  it('two server instances and a restart in the same week send it once; unconfirmed addresses and opted-out customers get none', async () => {
    const now = Date.UTC(2027, 0, 11, 9);
    const a = await fan();
    const unconfirmed = await fan({ verified: false });
    const out = await fan();
    await out.me.digest.set({ weekly: false });
    for (const c of [a, unconfirmed, out]) await productAt(c.shop.vendorId, 'Fresh scones', now - DAY);

    const instance = () => {
      const runtime = createJobRuntime(db(), { now: () => new Date(now) });
      registerFavouritesDigest(runtime, db(), env, { now: () => new Date(now) });
      return runtime;
    };
    await Promise.all([instance().tick(), instance().tick()]);
    await instance().tick(); // a restart an hour later finds the week done
    await runFavouritesDigest(db(), env, new Date(now + 60_000));
    expect(await emailsTo(a.customer)).toHaveLength(1);
    expect(await emailsTo(unconfirmed.customer)).toEqual([]);
    expect(await emailsTo(out.customer)).toEqual([]);
  });

  it('the emailed link turns the digest off without signing in; a forged link is refused and changes nothing', async () => {
    const a = await fan();
    const guest = await get().caller();
    const forged = `${a.customer.customerId}.${'A'.repeat(43)}`;
    const before = await countRows(db(), 'favourite_digest_optins');
    const refused = await failure(guest.digest.unsubscribe({ token: forged }));
    expect(refused).toMatchObject({ appCode: 'BAD_INPUT', message: expect.stringContaining('not valid') });
    expect((await failure(guest.digest.unsubscribe({ token: 'short' }))).appCode).toBe('BAD_INPUT');
    expect(await countRows(db(), 'favourite_digest_optins')).toBe(before);
    // another marketplace's (another secret's) token for the same customer is refused too
    const elsewhere = digestUnsubscribeToken(testEnv({ APP_SECRET: 'another-marketplace-secret-0123456789' }), a.customer.customerId);
    expect((await failure(guest.digest.unsubscribe({ token: elsewhere }))).appCode).toBe('BAD_INPUT');

    expect(await guest.digest.unsubscribe({ token: digestUnsubscribeToken(env, a.customer.customerId) })).toEqual({ unsubscribed: true });
    expect(await a.me.digest.settings()).toEqual({ weekly: false });
    expect((await failure(guest.digest.settings())).appCode).toBe('UNAUTHENTICATED');
  });
});
