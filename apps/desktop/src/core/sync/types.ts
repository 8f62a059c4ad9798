/**
 * The contract between the sync client (src/core/sync) and everything that shows or drives sync
 * (the CounterRouter, the headless counter, the UI). DESIGN §4–§5: sync status is always visible.
 */
/**
 * What staff are told about the marketplace connection, in one word:
 * - unpaired: this counter is not paired with a marketplace (sales stay local);
 * - connecting: paired, and no request has been answered or gone unanswered yet since start;
 * - online: the last request was answered;
 * - offline: the last request got no answer (refused connection, time-out, a server that accepts and hangs,
 *   5xx). Selling carries on; `offlineSince` says since when.
 * The lock screen, the status bar and card payments all read this one field.
 */
export type SyncConnection = 'unpaired' | 'connecting' | 'online' | 'offline';

export interface SyncStatus {
  paired: boolean;
  connection: SyncConnection;
  /** connection === 'online' (kept for the many screens that only ask "can I reach the server?") */
  online: boolean;
  /** ISO time the counter lost the marketplace; null unless connection === 'offline' */
  offlineSince: string | null;
  /** "waiting to send": outbox rows not yet acknowledged by the server */
  pending: number;
  /**
   * Of those pending rows, how many are in the request on the wire right now; 0 when none is, and 0 while
   * offline (nothing is getting through). Always ≤ pending: the same rows, counted from the same snapshot.
   */
  sending: number;
  /** outbox rows the server rejected (business rule), to resolve at the counter */
  rejected: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** a human sentence, e.g. "No answer from the marketplace — retrying in 8 s" */
  lastError: string | null;
  /** server time minus local time, from the last pull; |skew| > 5 min shows a warning, never stops selling */
  clockSkewMs: number | null;
  epoch: string | null;
  bootstrapping: boolean;
}

/** How long sync waits for the marketplace; tests shorten these to keep fault tests quick. */
export interface SyncTimeouts {
  /** a request with no answer after this long turns the status to offline (the request itself may go on) */
  answerMs: number;
  /** a request still unanswered after this long is abandoned and retried with backoff */
  requestMs: number;
  /** the poke stream must connect within this */
  pokeConnectMs: number;
  /** the poke stream carries a comment every 25 s; silence this long means a dead connection */
  pokeIdleMs: number;
  /** the longest wait between retries while the marketplace cannot be reached */
  retryCapMs: number;
}

export interface PairResult {
  deviceId: string;
  registerCode: string;
  vendorId: string;
  vendorName: string;
}

export interface SyncController {
  status(): SyncStatus;
  /** pair with a one-time code from the back office, then bootstrap the replica */
  pair(code: string): Promise<PairResult>;
  /** refused (CONFLICT) while the outbox holds unsynced rows */
  unpair(): Promise<void>;
  /** push then pull now; resolves when both finished or failed (failure is reflected in status) */
  syncNow(): Promise<void>;
  /** starts the background loops (push on local writes, pull on poke and every 30–60 s) */
  start(): void;
  stop(): Promise<void>;
  /** called after any status change; returns an unsubscribe function */
  onChange(listener: (status: SyncStatus) => void): () => void;
  /** the core calls this after each local write that enqueued an outbox row */
  notifyLocalWrite(): void;
}
