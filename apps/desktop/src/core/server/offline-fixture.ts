import { createCounterCore } from '../index';
import { createCredentialStore } from '../sync/credentials';
import { seedShop, type Shop } from '../test/fixtures';

/** A port nothing listens on: connections are refused at once, like a marketplace that is down. */
export const UNREACHABLE_SERVER = 'http://127.0.0.1:1';

/**
 * Prepares a data dir as if the counter had paired and synced once, then lost the network: the fixture
 * bakery in the mirror and a device token for a server that no longer answers. Leaves the database closed.
 */
export async function prepareOfflineCounter(dataDir: string, serverUrl = UNREACHABLE_SERVER): Promise<Shop> {
  const core = createCounterCore({ dataDir });
  try {
    const shop = await seedShop(core);
    createCredentialStore(dataDir).write({ deviceId: shop.deviceId, token: 'device-token-from-pairing', serverUrl });
    return shop;
  } finally {
    core.close();
  }
}
