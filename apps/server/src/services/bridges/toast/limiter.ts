/** Toast's published limits per restaurant: 20 requests a second overall, 1 a second for `GET /menus`. */
const LIMITS = { default: 20, menus: 1 } as const;
const WINDOW_MS = 1000;
/** Toast counts on its side: a little room for calls that reach it later than they left */
const MARGIN_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sliding one-second window per restaurant and kind: a call waits until it fits (so a busy import slows down
 * instead of collecting 429s). Per process only; Toast's own 429 + Retry-After covers several instances.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  async acquire(restaurant: string, kind: keyof typeof LIMITS): Promise<void> {
    const key = `${kind}:${restaurant}`;
    const limit = LIMITS[kind];
    for (;;) {
      const now = Date.now();
      const recent = (this.sent.get(key) ?? []).filter((t) => now - t < WINDOW_MS + MARGIN_MS);
      if (recent.length < limit) {
        recent.push(now);
        this.sent.set(key, recent);
        return;
      }
      this.sent.set(key, recent);
      await sleep((recent[0] ?? now) + WINDOW_MS + MARGIN_MS - now);
    }
  }
}
