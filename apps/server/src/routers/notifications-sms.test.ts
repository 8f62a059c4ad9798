import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { customerSms } from '../db/schema/index';
import { optOutNumber } from '../services/notify/sms/consent';
import { failure } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

const SMS_ENV = { SMS_ACCOUNT_SID: 'AC0123', SMS_AUTH_TOKEN: 'token', SMS_FROM: '+447700900001' };

describeEachDb(
  'notifications.sms / setSms: the customer’s number for texts',
  (get) => {
    const db = () => get().database.db;

    it('saves a typed number as E.164 and shows it the way it is written here; texts on and off', async () => {
      const customer = await createCustomerFixture(db());
      const me = await get().caller({ sessionCookie: customer.cookie });
      expect(await me.notifications.sms()).toEqual({ available: true, phone: null, display: null, enabled: false, optedOut: false });
      expect(await me.notifications.setSms({ phone: '+44 7700 900401', enabled: true })).toEqual({ available: true, phone: '+447700900401', display: '07700 900401', enabled: true, optedOut: false });
      expect(await me.notifications.setSms({ phone: '07700900401', enabled: false })).toMatchObject({ phone: '+447700900401', enabled: false });
      // an empty number with texts off forgets it
      expect(await me.notifications.setSms({ phone: '', enabled: false })).toMatchObject({ phone: null, enabled: false });
      expect(await db().select().from(customerSms).where(eq(customerSms.customerId, customer.customerId))).toEqual([]);
    });

    it('refuses a landline, a non-number and "on" without a number (BAD_INPUT on the phone) and writes nothing', async () => {
      const customer = await createCustomerFixture(db());
      const me = await get().caller({ sessionCookie: customer.cookie });
      await me.notifications.setSms({ phone: '07700 900402', enabled: true });
      const before = await db().select().from(customerSms).where(eq(customerSms.customerId, customer.customerId));
      for (const input of [{ phone: '0117 496 0123', enabled: true }, { phone: 'call me', enabled: false }, { phone: '', enabled: true }]) {
        const refused = await failure(me.notifications.setSms(input));
        expect(refused.appCode, input.phone).toBe('BAD_INPUT');
        expect(refused.message).toMatch(/mobile|number/);
      }
      expect(await db().select().from(customerSms).where(eq(customerSms.customerId, customer.customerId))).toEqual(before);
    });

    it('says when the saved number has texted STOP', async () => {
      const customer = await createCustomerFixture(db());
      const me = await get().caller({ sessionCookie: customer.cookie });
      await me.notifications.setSms({ phone: '07700 900403', enabled: true });
      await optOutNumber(db(), '+447700900403', 'stop', new Date());
      expect(await me.notifications.sms()).toMatchObject({ enabled: true, optedOut: true });
    });

    it('anyone can ask whether texts are offered (checkout’s box); only a customer has settings', async () => {
      expect(await (await get().caller()).notifications.smsAvailable()).toEqual({ available: true });
      expect((await failure((await get().caller()).notifications.sms())).appCode).toBe('UNAUTHENTICATED');
    });
  },
  SMS_ENV,
);

describeEachDb('notifications.sms without an SMS provider', (get) => {
  it('says texts are not available', async () => {
    const customer = await createCustomerFixture(get().database.db);
    const me = await get().caller({ sessionCookie: customer.cookie });
    expect(await me.notifications.smsAvailable()).toEqual({ available: false });
    expect(await me.notifications.sms()).toMatchObject({ available: false });
  });
});
