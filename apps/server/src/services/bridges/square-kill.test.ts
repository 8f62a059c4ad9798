import { describeBridgeKill, ITEMS, START_COUNT } from './bridge-kill-scenarios';
import { squareTestEnv } from './order-push-kit';
import { LOCATION, MERCHANT } from './square-test-kit';
import { startSquareFake, type FakeRequestLog, type SquareFake } from './square/fake/index';

/**
 * Square under a real `kill -9` (bridge-kill-scenarios.ts): the catalog is read through `/v2/catalog/list` pages of
 * 100 objects (2 taxes and 4 categories first), counter sales go as `batch-create` adjustments with our idempotency
 * keys, so the one in flight when the server died is applied once.
 */
describeBridgeKill<SquareFake, FakeRequestLog>({
  title: 'Square',
  async setup() {
    const fake = await startSquareFake({
      merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Market Street', currency: 'GBP' }] }],
      notificationUrl: 'https://market.makeries.test/hooks/pos/square',
    });
    const seeded = fake.seedItems(MERCHANT, ITEMS, { currency: 'GBP', taxes: 2, categories: 4 });
    const stocked = seeded.variationIds.slice(0, 8);
    for (const v of stocked) fake.setCount(MERCHANT, v, LOCATION, START_COUNT);
    return {
      stocked,
      adapter: {
        fake,
        provider: 'square',
        env: squareTestEnv(fake),
        locationId: LOCATION,
        close: () => fake.close(),
      },
    };
  },
  pages: { size: 100, firstShortBy: 6, isRead: (l) => l.path === '/v2/catalog/list' },
  stock: {
    isWrite: (l) => l.path === '/v2/inventory/changes/batch-create',
    keyOf: (l) => l.idempotencyKey,
    count: (fake, v) => fake.count(MERCHANT, v, LOCATION),
    echoes: (fake) => fake.takeEvents().map((e) => ({ headers: e.headers, body: e.body })),
    echoesSettle: true,
  },
});
