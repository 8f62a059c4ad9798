import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerShop, makeCounter, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { shopStanding } from './standing';

/*
 * The back office's standing banner reads the shop's standing from the REAL marketplace (child process, shops NOT
 * approved as they register): a new shop is waiting for approval; offline the last answer is kept; a counter that
 * never reached the marketplace has none.
 */

let server: ServerProcess;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startServerProcess({ AUTO_APPROVE_SHOPS: 'off' });
});
afterAll(async () => {
  for (const c of counters) await c.cleanup();
  await server?.destroy();
});

describe('the shop’s standing for the back-office banner', () => {
  it('is pending for a new shop, kept while offline, and unknown before the counter is paired', async () => {
    const shop = await createServerShop(server.url, 'Waiting');
    const c = makeCounter(server.url);
    counters.push(c);
    expect(await shopStanding(c.core)).toBeNull();

    await c.sync.pair(await shop.pairingCode());
    c.core.setOnline(true);
    expect(await shopStanding(c.core)).toEqual({ status: 'pending', reason: null });

    c.core.setOnline(false);
    expect(await shopStanding(c.core)).toEqual({ status: 'pending', reason: null });
  });
});
