/**
 * Shopify's GraphQL cost limit (a leaky bucket per app and shop): every answer carries `extensions.cost.throttleStatus`
 * {maximumAvailable, currentlyAvailable, restoreRate}; a query is admitted only when its *requested* cost fits. We
 * keep one bucket per shop, fed by every answer, and wait before sending a query that would not fit — so a big
 * import slows down instead of collecting THROTTLED answers.
 */

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket extends ThrottleStatus {
  /** when `currentlyAvailable` was read (ms) */
  at: number;
}

const buckets = new Map<string, Bucket>();

/** Points available at `now`, restored at `restoreRate` per second since the last answer, capped at the maximum. */
export function availableAt(b: Bucket, now: number): number {
  const restored = b.currentlyAvailable + (Math.max(0, now - b.at) / 1000) * b.restoreRate;
  return Math.min(b.maximumAvailable, restored);
}

/** How long to wait before `cost` points are available (0: send now). A cost above the maximum waits for a full bucket. */
export function waitForCost(status: ThrottleStatus, cost: number): number {
  const needed = Math.min(cost, status.maximumAvailable) - status.currentlyAvailable;
  if (needed <= 0 || status.restoreRate <= 0) return 0;
  return Math.ceil((needed / status.restoreRate) * 1000);
}

/** The wait a THROTTLED answer asks for: (requested − currently available) / restore rate seconds; at least 1 s when unknown. */
export function throttledWaitMs(requested: number | null, status: ThrottleStatus | null): number {
  if (!status || requested === null) return 1000;
  return Math.max(waitForCost(status, requested), 100);
}

/** The wait before sending a query estimated at `cost` points to `shop` (0 when the bucket is unknown or has room). */
export function waitBeforeSending(shop: string, cost: number, now = Date.now()): number {
  const b = buckets.get(shop);
  if (!b) return 0;
  return waitForCost({ ...b, currentlyAvailable: availableAt(b, now) }, cost);
}

/** Every answer's throttle status updates the shop's bucket. */
export function recordThrottle(shop: string, status: ThrottleStatus, now = Date.now()): void {
  if (!Number.isFinite(status.currentlyAvailable) || !Number.isFinite(status.restoreRate) || !Number.isFinite(status.maximumAvailable)) return;
  buckets.set(shop, { ...status, at: now });
}

/** Tests: forget every bucket. */
export function resetThrottle(): void {
  buckets.clear();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
