import type { Env } from '../../env';
import type { AfterStore } from './send';

/**
 * Runs in the transaction that stores a shop's message: tells the customer (push/SMS) once per message through
 * the notification queue, when the marketplace has one.
 */
export function afterShopMessage(_env: Env): AfterStore {
  return async () => {};
}
