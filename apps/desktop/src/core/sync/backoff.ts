/**
 * Retry and poll timing. Full jitter (delay = random × min(cap, base × 2^attempt)) spreads the retries of many
 * counters that lost the server at the same moment, so they do not all come back in one thundering herd.
 */
const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
/** a zero delay would spin; a fifth of a second is still "at once" for staff */
const BACKOFF_FLOOR_MS = 200;

export const POLL_MIN_MS = 30_000;
export const POLL_MAX_MS = 60_000;

/** Delay before retry number `attempt` (1 = the first retry after one failure). */
export function backoffDelay(attempt: number, random: () => number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.max(BACKOFF_FLOOR_MS, Math.floor(clamp01(random()) * exp));
}

/** The next background pull, 30–60 s away, jittered so a shop's counters do not poll in lockstep. */
export function pollDelay(random: () => number, minMs = POLL_MIN_MS, maxMs = POLL_MAX_MS): number {
  return Math.floor(minMs + clamp01(random()) * (maxMs - minMs));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0;
}

/** "8 s", "2 min": how long until the next retry, in words staff read at a glance. */
export function describeDelay(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
