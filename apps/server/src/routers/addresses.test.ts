import { MAX_SAVED_ADDRESSES } from '@makeries/shared';
import { expect, it } from 'vitest';
import { failure } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { countRows } from './identity-test-kit';

const home = { label: 'Home', line1: '12 Cotham Hill', city: 'Bristol', postcode: 'bs6 6lf', lat: 51.469, lng: -2.6 };
const work = { label: 'Work', line1: '1 Temple Quay', line2: 'Floor 3', city: 'Bristol', postcode: 'BS1 6DZ' };

describeEachDb('addresses router', (get) => {
  const db = () => get().database.db;
  const signedIn = async () => get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });

  it('saves addresses, keeps exactly one default, edits and deletes them', async () => {
    const me = await signedIn();
    const first = await me.addresses.create(home);
    expect(first).toMatchObject({ label: 'Home', postcode: 'BS6 6LF', isDefault: true, line2: '' });
    const second = await me.addresses.create(work);
    expect(second.isDefault).toBe(false);

    await me.addresses.makeDefault({ addressId: second.id });
    let list = await me.addresses.list();
    expect(list.map((a) => [a.label, a.isDefault])).toEqual([
      ['Work', true],
      ['Home', false],
    ]);

    const edited = await me.addresses.update({ addressId: first.id, ...home, line1: '14 Cotham Hill', isDefault: true });
    expect(edited).toMatchObject({ line1: '14 Cotham Hill', isDefault: true });
    list = await me.addresses.list();
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([first.id]);

    // deleting the default passes it on to the remaining address
    await me.addresses.remove({ addressId: first.id });
    expect((await me.addresses.list()).map((a) => [a.label, a.isDefault])).toEqual([['Work', true]]);

    const other = await signedIn();
    expect(await other.addresses.list()).toEqual([]);
    expect((await failure(other.addresses.remove({ addressId: second.id }))).appCode).toBe('NOT_FOUND');
    expect((await failure(other.addresses.update({ addressId: second.id, ...work }))).appCode).toBe('NOT_FOUND');
    expect((await failure(other.addresses.makeDefault({ addressId: second.id }))).appCode).toBe('NOT_FOUND');
    expect((await me.addresses.list()).map((a) => a.line1)).toEqual(['1 Temple Quay']);
  });

  it('refuses missing fields, a full address book and visitors who are not signed in — writing nothing', async () => {
    const me = await signedIn();
    const before = await countRows(db(), 'customer_addresses');
    const bad = await failure(me.addresses.create({ ...home, line1: '   ' }));
    expect(bad.appCode).toBe('BAD_INPUT');
    expect((await failure(me.addresses.create({ ...home, lat: 123 }))).appCode).toBe('BAD_INPUT');
    expect((await failure(me.addresses.create({ ...home, label: 'x'.repeat(41) }))).appCode).toBe('BAD_INPUT');
    expect((await failure((await get().caller()).addresses.create(home))).appCode).toBe('UNAUTHENTICATED');
    expect(await countRows(db(), 'customer_addresses')).toBe(before);

    for (let i = 0; i < MAX_SAVED_ADDRESSES; i++) await me.addresses.create({ ...work, label: `Place ${i}` });
    const full = await failure(me.addresses.create(home));
    expect(full.appCode).toBe('CONFLICT');
    expect(full.message).toContain(String(MAX_SAVED_ADDRESSES));
    expect((await me.addresses.list()).length).toBe(MAX_SAVED_ADDRESSES);
  });
});
