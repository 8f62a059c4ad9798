/**
 * The contract between the sync client (src/core/sync) and everything that shows or drives sync
 * (the CounterRouter, the headless counter, the UI). DESIGN §4–§5: sync status is always visible.
 */
export interface SyncProgress {
  /** outbox rows acknowledged in this drain */
  sent: number;
  /** outbox rows pending when the drain started */
  total: number;
}

export interface SyncStatus {
  paired: boolean;
  /** the last request to the server succeeded */
  online: boolean;
  /** outbox rows not yet acknowledged by the server */
  pending: number;
  /** outbox rows the server rejected (business rule), to resolve at the counter */
  rejected: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** a human sentence, e.g. "Server unreachable — retrying in 8 s" */
  lastError: string | null;
  progress: SyncProgress | null;
  /** server time minus local time, from the last pull; |skew| > 5 min shows a warning, never stops selling */
  clockSkewMs: number | null;
  epoch: string | null;
  bootstrapping: boolean;
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
