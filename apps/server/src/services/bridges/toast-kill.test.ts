import { describeBridgeKill, ITEMS, START_COUNT } from './bridge-kill-scenarios';
import { RESTAURANT, toastAdapter } from './toast-test-kit';
import { startToastFake, type FakeRequestLog, type ToastFake } from './toast/fake/index';

/**
 * Toast under a real `kill -9` (bridge-kill-scenarios.ts): the menu is one document, paged here 200 items at a time
 * (each page reads which items Toast counts, `GET /stock/v1/inventory`). Toast's stock update is absolute, with no
 * key and no compare-and-set (toast/stock.ts): the connector reads the count and writes count + delta, noting both on
 * the push row (committed before the write goes out). The instance that resumes after a server killed mid-write
 * finds the note and Toast at the written count, and sends nothing: each sale is taken once.
 */
describeBridgeKill<ToastFake, FakeRequestLog>({
  title: 'Toast',
  async setup() {
    const fake = await startToastFake();
    fake.addRestaurant(RESTAURANT, { name: 'Corner Bakery', locationName: 'High St', currencyCode: 'GBP' });
    const stocked = fake.seedMenu(RESTAURANT, ITEMS).slice(0, 8);
    // photos live on a host the tests cannot reach (copying them is covered elsewhere)
    for (const item of fake.restaurant(RESTAURANT).items.values()) item.image = null;
    for (const mlid of stocked) fake.setStock(RESTAURANT, mlid, 'QUANTITY', START_COUNT);
    return {
      stocked,
      adapter: toastAdapter(fake),
    };
  },
  pages: { size: 200, isRead: (l) => l.method === 'GET' && l.path === '/stock/v1/inventory' },
  stock: {
    isWrite: (l) => l.method === 'PUT' && l.path === '/stock/v1/inventory/update',
    count: (fake, mlid) => fake.stockOf(RESTAURANT, mlid).quantity ?? 0,
    echoes: (fake) => fake.takeWebhooks(),
    sales: 30,
  },
  orders: {
    isCreate: (l) => l.method === 'POST' && l.path === '/orders/v2/orders',
    ordersWith: (fake, key) => [...fake.restaurant(RESTAURANT).orders.values()].filter((o) => o.externalId === key).length,
  },
});
