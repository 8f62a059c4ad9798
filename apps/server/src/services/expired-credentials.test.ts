import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailVerifications, passwordResets, posOauthStates, sessions, staffDeviceProofs } from '../db/schema/index';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { deleteExpiredCredentials } from './expired-credentials';
import { pairCounter } from './sync/sync-test-kit';
import { hashToken, newToken } from './tokens';

const HOUR = 3_600_000;

describeEachDb('deleting expired sessions, staff proofs and links', (get) => {
  it('removes only what can never be used again, and leaves the counter able to sell', async () => {
    const { db } = get().database;
    const start = Date.now();
    const counter = await pairCounter(get());
    const customer = await createCustomerFixture(db); // its session lasts an hour
    const link = (expiresInMs: number) => ({ id: uuidv7(), tokenHash: hashToken(newToken()), customerId: customer.customerId, expiresAt: new Date(start + expiresInMs) });
    const reset = link(HOUR);
    const verification = link(24 * HOUR);
    await db.insert(passwordResets).values(reset);
    await db.insert(emailVerifications).values(verification);
    // an owner who started connecting Square and never came back (links last 15 minutes)
    const connect = { stateHash: newToken(), vendorId: counter.shop.vendorId, provider: 'square' as const, expiresAt: new Date(start + 15 * 60_000) };
    await db.insert(posOauthStates).values(connect);
    const rows = async () => ({
      session: (await db.select().from(sessions).where(eq(sessions.customerId, customer.customerId))).length,
      proofs: (await db.select().from(staffDeviceProofs).where(eq(staffDeviceProofs.deviceId, counter.deviceId))).length,
      reset: (await db.select().from(passwordResets).where(eq(passwordResets.id, reset.id))).length,
      verification: (await db.select().from(emailVerifications).where(eq(emailVerifications.id, verification.id))).length,
      connect: (await db.select().from(posOauthStates).where(eq(posOauthStates.stateHash, connect.stateHash))).length,
    });

    // two hours on: the session has expired; the reset link too, but it stays a day; proofs live 7 days
    await deleteExpiredCredentials(db, new Date(start + 2 * HOUR));
    expect(await rows()).toEqual({ session: 0, proofs: 3, reset: 1, verification: 1, connect: 1 });

    // eight days on: the proofs and both links are gone
    const removed = await deleteExpiredCredentials(db, new Date(start + 8 * 24 * HOUR));
    expect(removed).toMatchObject({ staffProofs: 3, passwordResets: 1, emailVerifications: 1, posConnectStates: 1 });
    expect(await rows()).toEqual({ session: 0, proofs: 0, reset: 0, verification: 0, connect: 0 });

    // the device token is not a credential that expires: the counter still syncs
    expect((await counter.bare.devices.me()).device.id).toBe(counter.deviceId);
  });
});
