import { uuidv7, type VendorSettingsArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendors } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { envelope, epochOf, pairCounter, pullUntil, settle, type Counter } from './sync-test-kit';

/** The counter's sale policies (sold-out items, blind close) are shop settings the server owns and feeds back. */
describeEachDb('sync.push counter sale policies', (get) => {
  const db = () => get().database.db;
  const settings = (c: Counter, patch: unknown): VendorSettingsArgs =>
    ({ id: uuidv7(), staffId: c.staffId, changedAt: new Date().toISOString(), patch }) as VendorSettingsArgs;
  async function push(c: Counter, patch: unknown) {
    const me = await c.caller.devices.me();
    const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(me.device.lastMutationId + 1, 'vendor.settings', settings(c, patch))] });
    return res.results.map((r) => r.code ?? r.status);
  }
  const policies = async (id: string) =>
    (await db().select({ soldOutPolicy: vendors.soldOutPolicy, blindClose: vendors.blindClose }).from(vendors).where(eq(vendors.id, id)))[0];

  it('starts every shop at warn + blind close, saves a change and carries it to counters on the change feed', async () => {
    const c = await pairCounter(get());
    expect(await policies(c.shop.vendorId)).toEqual({ soldOutPolicy: 'warn', blindClose: true });
    const epoch = await epochOf(db());
    const cursor = await settle(db(), c.caller, epoch, '0');
    expect(await push(c, { soldOutPolicy: 'block', blindClose: false })).toEqual(['applied']);
    expect(await policies(c.shop.vendorId)).toEqual({ soldOutPolicy: 'block', blindClose: false });
    const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.entity === 'vendor' && (x.data as { soldOutPolicy?: string }).soldOutPolicy === 'block'));
    expect(fed.changes.find((x) => x.entity === 'vendor')?.data).toMatchObject({ soldOutPolicy: 'block', blindClose: false });
  });

  it('rejects an unknown policy with BAD_INPUT and changes nothing', async () => {
    const c = await pairCounter(get());
    expect(await push(c, { soldOutPolicy: 'allow', blindClose: true })).toEqual(['applied']);
    expect(await push(c, { soldOutPolicy: 'sometimes' })).toEqual(['BAD_INPUT']);
    expect(await push(c, { blindClose: 'yes', soldOutPolicy: 'block' })).toEqual(['BAD_INPUT']);
    expect(await policies(c.shop.vendorId)).toEqual({ soldOutPolicy: 'allow', blindClose: true });
  });
});
