import { uuidv7 } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { customers } from '../db/schema/index';
import { describeEachDb } from '../test/harness';
import { maskEmail, maskName, maskPhone } from './customer-lookup';
import { addProduct, envelope, epochOf, pairCounter, saleArgs, type Counter } from './sync/sync-test-kit';

describe('masking a stranger’s details', () => {
  it('keeps a first and last letter, the email domain and the last three phone digits', () => {
    expect(maskName('Ada Lovelace')).toBe('A•••e');
    expect(maskName('Ø')).toBe('Ø•••');
    expect(maskName('  ')).toBe('');
    expect(maskEmail('ada@example.com')).toBe('a•••@example.com');
    expect(maskEmail('not-an-email')).toBe('•••');
    expect(maskPhone('+44 7700 900123')).toBe('•••• 123');
    expect(maskPhone('')).toBe('');
  });
});

describeEachDb('counterCustomers.lookup: full details only for the shop’s own customers', (get) => {
  const db = () => get().database.db;

  async function sellTo(c: Counter, customerId: string): Promise<void> {
    const p = await addProduct(db(), c.shop.vendorId, { name: 'Loaf', priceCents: 250, stock: 5 });
    const me = await c.caller.devices.me();
    const res = await c.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: [envelope(me.device.lastMutationId + 1, 'sale.complete', saleArgs(c, [[p, 1]], { customerId }))],
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied']);
  }

  it('masks another shop’s customer, and shows everything once this shop has sold to them', async () => {
    const mine = await pairCounter(get());
    const other = await pairCounter(get());
    const id = uuidv7();
    const email = `ada-${id.slice(-6)}@example.com`;
    const phone = `+44 7700 9${id.slice(-5).replace(/\D/g, '4').padStart(5, '2')}`;
    await db().insert(customers).values({ id, email, name: 'Ada Lovelace', phone, passwordHash: 'unusable' });
    await sellTo(other, id);

    const masked = { id, name: 'A•••e', email: 'a•••@example.com', phone: `•••• ${phone.slice(-3)}`, known: false };
    // what was typed comes back as typed; the rest is masked
    expect(await mine.caller.counterCustomers.lookup({ query: email })).toEqual({ ...masked, email });
    expect(await mine.caller.counterCustomers.lookup({ query: phone })).toEqual({ ...masked, phone });
    expect(await other.caller.counterCustomers.lookup({ query: email })).toEqual({ id, name: 'Ada Lovelace', email, phone, known: true });

    await sellTo(mine, id);
    expect(await mine.caller.counterCustomers.lookup({ query: phone })).toEqual({ id, name: 'Ada Lovelace', email, phone, known: true });
  });
});
