import { backoffDelay } from './backoff';
import { createSseParser } from './sse';
import { sleep, type Timers } from './timers';
import type { FetchLike } from './transport';

/**
 * The server comments every 3 s; a stream that spoke and then stays silent for 7 s belongs to a server (or a path
 * to it) that stopped answering — a hung process, a dead proxy — and staff should see Offline within 10 s.
 */
export const POKE_IDLE_MS = 7_000;
/** a server that accepts the connection but sends no headers is as good as down */
export const POKE_CONNECT_MS = 10_000;
const RECONNECT_BASE_MS = 1_000;
const RECONNECT_CAP_MS = 30_000;
/** the server's `retry:` field overrides this; waiting a moment lets a server that is shutting down finish */
const DEFAULT_RETRY_MS = 3_000;

export interface PokeOptions {
  /** e.g. http://host:3000/sync/poke */
  url: string;
  fetch: FetchLike;
  token: () => string | null;
  timers: Timers;
  random: () => number;
  /** the server has new changes for this shop */
  onPoke: () => void;
  /** connected (again): pokes sent while disconnected were missed, so pull once now */
  onOpen: () => void;
  /**
   * An open stream ended (`ended`: most often a restart) or went silent after it had spoken (`silent`: nobody
   * is answering any more); the server may be gone, so find out with a request.
   */
  onLost?: (how: 'ended' | 'silent') => void;
  idleMs?: number;
  connectMs?: number;
}

export interface PokeStream {
  close(): void;
  /**
   * The server answers again (a sync round just succeeded): if the stream is waiting out its reconnect backoff,
   * reconnect now, so pokes (a web order, say) flow at once instead of after up to 30 s. No-op while connected.
   */
  wake(): void;
}

/**
 * One connection: `null` if it could not be opened, else how it ended. Only a stream that has delivered bytes
 * and then falls silent counts as `silent`: one that never delivered any may sit behind a buffering proxy.
 */
async function listen(opts: PokeOptions, token: string, closed: AbortSignal, onRetry: (ms: number) => void): Promise<'ended' | 'silent' | null> {
  const req = new AbortController();
  let opened = false;
  let spoke = false;
  let wentSilent = false;
  const stop = (): void => req.abort();
  closed.addEventListener('abort', stop, { once: true });
  let idle: unknown = null;
  const watch = (ms: number): void => {
    if (idle !== null) opts.timers.clearTimeout(idle);
    idle = opts.timers.setTimeout(() => {
      wentSilent = opened && spoke;
      stop();
    }, ms);
  };
  const idleMs = opts.idleMs ?? POKE_IDLE_MS;
  try {
    watch(opts.connectMs ?? POKE_CONNECT_MS);
    const res = await opts.fetch(opts.url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: req.signal,
    });
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => {});
      return null;
    }
    opened = true;
    watch(idleMs);
    opts.onOpen();
    const parse = createSseParser((e) => {
      if (e.event === 'poke') opts.onPoke();
    }, onRetry);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      spoke = true;
      watch(idleMs);
      parse(value);
    }
  } catch {
    // unreachable, dropped, silent for too long or closed: the caller reconnects unless closed
    return opened ? (wentSilent ? 'silent' : 'ended') : null;
  } finally {
    if (idle !== null) opts.timers.clearTimeout(idle);
    closed.removeEventListener('abort', stop);
  }
}

/**
 * Keeps a GET /sync/poke Server-Sent Events stream open and reconnects with jittered backoff when it drops.
 * A poke carries no data; it only says "pull now". Missing one costs at most one poll interval.
 */
export function openPokeStream(opts: PokeOptions): PokeStream {
  const closed = new AbortController();
  let napping: AbortController | null = null;
  void (async () => {
    let attempt = 0;
    let retryMs = DEFAULT_RETRY_MS;
    while (!closed.signal.aborted) {
      const token = opts.token();
      const how = token ? await listen(opts, token, closed.signal, (ms) => (retryMs = ms)) : null;
      const opened = how !== null;
      attempt = opened ? 1 : attempt + 1;
      if (closed.signal.aborted) break;
      if (how) opts.onLost?.(how);
      // a stream the server ended is most often a restart: reconnecting at once would land mid-shutdown
      const backoff = backoffDelay(attempt, opts.random, RECONNECT_BASE_MS, RECONNECT_CAP_MS);
      napping = new AbortController();
      const nap = AbortSignal.any([closed.signal, napping.signal]);
      await sleep(opts.timers, opened ? Math.max(retryMs, backoff) : backoff, nap);
      if (napping.signal.aborted) attempt = 0;
      napping = null;
    }
  })();
  return { close: () => closed.abort(), wake: () => napping?.abort() };
}
