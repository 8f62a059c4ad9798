import { dirname } from 'node:path';
import { devicePairInput as pairingCodeInput } from '@makeries/shared';
import { conflict, parseInput } from '../errors';
import type { CounterCore } from '../index';
import { backoffDelay, pollDelay } from './backoff';
import { createCredentialStore, type CredentialStore } from './credentials';
import { describeFailure, runCycle } from './cycle';
import type { SyncDeps } from './deps';
import { openPokeStream, type PokeStream } from './poke';
import { createStatusBoard, type StatusBoard } from './status';
import { realTimers, type Timers } from './timers';
import { classifyFailure, createServerApi, DEFAULT_TIMEOUTS, failureToAppError, timedFetch, trimUrl, watchedFetch, type FetchLike, type ServerApi } from './transport';
import type { PairResult, SyncController, SyncStatus, SyncTimeouts } from './types';

export const DEFAULT_SERVER_URL = 'http://localhost:3000';
/** a revoked device will not be let back in by retrying; check now and then in case a manager fixes it */
const UNPAIRED_RETRY_MS = 60_000;
/**
 * After a poke, a pull that finds nothing is repeated after these delays: the change can sit above the feed's
 * watermark until an older transaction anywhere on the database server finishes, and no second poke comes.
 */
const POKE_FOLLOW_UP_MS = [1_000, 2_000, 4_000, 8_000];

export interface SyncClientOptions {
  core: CounterCore;
  /** the marketplace; defaults to the one this counter was paired with, then to localhost:3000 */
  serverUrl?: string;
  fetch?: FetchLike;
  /** in [0, 1); jitters retries and polls */
  random?: () => number;
  timers?: Timers;
  /** how long to wait for the marketplace (DEFAULT_TIMEOUTS otherwise); fault tests shorten them */
  timeouts?: Partial<SyncTimeouts>;
}

/**
 * The counter's sync client (DESIGN §4): pairs and bootstraps, pushes the outbox, pulls the change feed on a
 * poke, after each push and every 30–60 s, and recovers from a restored or reset server. Every background
 * failure lands in status(); only the explicit staff actions pair/unpair throw (AppError).
 */
export function createSyncClient(opts: SyncClientOptions): SyncController {
  return new SyncClient(opts);
}

class SyncClient implements SyncController {
  private readonly core: CounterCore;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly rawFetch: FetchLike;
  private readonly creds: CredentialStore;
  private readonly serverUrl: string;
  private readonly board: StatusBoard;
  private readonly api: ServerApi;
  private readonly deps: SyncDeps;
  private readonly timeouts: SyncTimeouts;
  /** aborted by stop(): in-flight requests end instead of holding shutdown up */
  private lifetime = new AbortController();
  private started = false;
  private failures = 0;
  private next: unknown = null;
  private poke: PokeStream | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  /** index into POKE_FOLLOW_UP_MS while a poke's change has not shown up; null when not waiting for one */
  private pokeFollowUp: number | null = null;

  constructor(opts: SyncClientOptions) {
    this.core = opts.core;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? realTimers;
    this.rawFetch = opts.fetch ?? fetch;
    this.creds = createCredentialStore(dirname(this.core.file));
    this.serverUrl = trimUrl(opts.serverUrl ?? this.creds.read()?.serverUrl ?? DEFAULT_SERVER_URL);
    this.board = createStatusBoard(this.core);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    const timed = timedFetch(this.rawFetch, this.timeouts.requestMs, () => this.lifetime.signal);
    const fetchFn = watchedFetch(timed, this.timeouts.answerMs, this.timers, { silent: this.noAnswer, answered: this.answered });
    this.api = createServerApi({ serverUrl: this.serverUrl, fetch: fetchFn, token: this.token });
    this.deps = { core: this.core, api: this.api, board: this.board };
  }

  status(): SyncStatus {
    return this.board.status();
  }

  onChange(listener: (status: SyncStatus) => void): () => void {
    return this.board.onChange(listener);
  }

  notifyLocalWrite(): void {
    this.board.refresh();
    // during a backoff the scheduled retry sends it; hammering a server that is down helps nobody
    if (this.started && this.failures === 0) void this.requestCycle();
  }

  syncNow(): Promise<void> {
    return this.requestCycle();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.startPoke();
    void this.requestCycle();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopPoke();
    this.clearNext();
    this.lifetime.abort();
    await this.chain;
    this.lifetime = new AbortController();
  }

  async pair(code: string): Promise<PairResult> {
    const input = parseInput(pairingCodeInput, { code });
    const current = this.core.device.get();
    if (current.deviceId) {
      throw conflict(`This counter is already paired as register ${current.registerCode ?? '?'}. Unpair it first.`);
    }
    let paired;
    try {
      paired = await this.api.devices.pair.mutate({ code: input.code });
    } catch (e) {
      const f = classifyFailure(e);
      if (f.kind === 'offline') this.board.unreachable();
      throw failureToAppError(f, this.serverUrl);
    }
    const { device, vendor, deviceToken } = paired;
    // the token first: a crash between the two writes leaves an unpaired counter and a stray file, never
    // a paired counter that cannot authenticate
    this.creds.write({ deviceId: device.id, token: deviceToken, serverUrl: this.serverUrl });
    try {
      this.core.device.pair({ deviceId: device.id, vendorId: device.vendorId, registerCode: device.registerCode, name: device.name });
    } catch (e) {
      this.creds.clear();
      throw e;
    }
    this.failures = 0;
    this.board.reached({ lastError: null });
    // the bootstrap; if it fails the counter is still paired and status says why
    await this.requestCycle();
    this.startPoke();
    return { deviceId: device.id, registerCode: device.registerCode, vendorId: device.vendorId, vendorName: vendor.name };
  }

  async unpair(): Promise<void> {
    const { pending, rejected } = this.core.outbox.stats();
    if (pending > 0 || rejected > 0) {
      const why = [
        pending > 0 ? `${pending} change(s) have not reached the server yet` : null,
        rejected > 0 ? `${rejected} change(s) the server refused still need resolving` : null,
      ].filter(Boolean);
      throw conflict(`This counter cannot be unpaired: ${why.join(' and ')}. Connect and sync first.`, { pending, rejected });
    }
    this.stopPoke();
    // let a running round finish, so no request uses the pairing while it is being removed
    await this.chain;
    // refuses (CONFLICT) if a sale slipped in meanwhile; the outbox itself is never touched
    this.core.device.unpair();
    this.creds.clear();
    this.failures = 0;
    this.clearNext();
    this.board.forget({ lastError: null, clockSkewMs: null, inFlight: 0 });
  }

  /**
   * A request has had no answer for `answerMs`: staff see Offline now rather than when it finally times out.
   * The request carries on; if its answer comes after all, the round's success turns the bar back to Online.
   */
  private readonly noAnswer = (): void => {
    if (this.lifetime.signal.aborted) return;
    const s = Math.round(this.timeouts.answerMs / 1000);
    this.board.unreachable({ lastError: `No answer from the marketplace for ${s} s — sales stay on this counter until it answers` });
  };

  /** The live-update stream stopped speaking: the server stopped answering while this counter was idle. */
  private readonly pokeSilent = (): void => {
    if (this.lifetime.signal.aborted) return;
    const s = Math.round(this.timeouts.pokeIdleMs / 1000);
    this.board.unreachable({ lastError: `No word from the marketplace for ${s} s — sales stay on this counter until it answers` });
  };

  /** An answer after silence: the marketplace is back (or was only slow); say so now, not at the round's end. */
  private readonly answered = (): void => {
    if (this.board.live.reach === 'offline') this.board.reached({ lastError: null });
  };

  /** The device token, only for the device it was issued to. */
  private readonly token = (): string | null => {
    const c = this.creds.read();
    const deviceId = this.core.device.get().deviceId;
    return c && deviceId && c.deviceId === deviceId ? c.token : null;
  };

  /**
   * Queues a round after the one in progress. Requests made before the queued round starts share it, so a
   * burst of sales or pokes costs one round trip, and a syncNow caller always gets a round begun after it asked.
   */
  private requestCycle(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.cycle();
    });
    this.queued = run;
    this.chain = run.catch(() => {});
    return run;
  }

  private async cycle(): Promise<void> {
    const signal = this.lifetime.signal;
    try {
      if (!this.board.status().paired) { this.board.refresh(); return; }
      if (!this.token()) {
        this.board.set({ lastError: 'This counter has lost its device token. Ask a manager for help re-pairing it.' }); return;
      }
      const changes = await runCycle(this.deps);
      // back from an outage: the live stream may still be waiting out its own backoff
      if (this.failures > 0) this.poke?.wake();
      this.failures = 0;
      this.board.reached({ lastError: null });
      this.scheduleNext(this.followUpDelay(changes) ?? pollDelay(this.random));
    } catch (e) {
      // stop() aborted the request: not a failure anyone needs to see
      if (!signal.aborted) this.fail(e);
    }
  }

  private followUpDelay(changes: number): number | null {
    const step = this.pokeFollowUp;
    if (step === null) return null;
    const delay = changes > 0 ? undefined : POKE_FOLLOW_UP_MS[step];
    this.pokeFollowUp = delay === undefined ? null : step + 1;
    return delay ?? null;
  }

  private fail(e: unknown): void {
    const f = classifyFailure(e);
    this.failures++;
    const backoff = backoffDelay(this.failures, this.random, undefined, this.timeouts.retryCapMs);
    const delay = f.kind === 'unpaired' ? Math.max(backoff, UNPAIRED_RETRY_MS) : backoff;
    const lastError = describeFailure(f, this.started ? delay : null);
    // only a missing answer means offline; a refusal proves the server is there
    if (f.kind === 'offline') this.board.unreachable({ lastError });
    else if (f.kind === 'local') this.board.set({ lastError });
    else this.board.reached({ lastError });
    this.scheduleNext(delay);
  }

  private scheduleNext(ms: number): void {
    this.clearNext();
    if (!this.started) return;
    this.next = this.timers.setTimeout(() => {
      this.next = null;
      void this.requestCycle();
    }, ms);
  }

  private clearNext(): void {
    if (this.next !== null) this.timers.clearTimeout(this.next);
    this.next = null;
  }

  private startPoke(): void {
    if (this.poke || !this.started || !this.board.status().paired) return;
    this.poke = openPokeStream({
      url: `${this.serverUrl}/sync/poke`,
      fetch: this.rawFetch,
      token: this.token,
      timers: this.timers,
      random: this.random,
      onPoke: () => {
        this.pokeFollowUp = 0;
        void this.requestCycle();
      },
      onOpen: () => void this.requestCycle(),
      // silence after speech is a request left unanswered: Offline now, as for any other request (`noAnswer`);
      // during a backoff the scheduled retry finds out anyway
      onLost: (how) => {
        if (how === 'silent') this.pokeSilent();
        if (this.failures === 0) void this.requestCycle();
      },
      idleMs: this.timeouts.pokeIdleMs,
      connectMs: this.timeouts.pokeConnectMs,
    });
  }

  private stopPoke(): void {
    this.poke?.close();
    this.poke = null;
  }
}
