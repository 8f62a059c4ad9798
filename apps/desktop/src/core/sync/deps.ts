import type { CounterCore } from '../index';
import type { StatusBoard } from './status';
import type { ServerApi } from './transport';

/** What one sync step needs: the counter core, the server, and the status board it reports to. */
export interface SyncDeps {
  core: CounterCore;
  api: ServerApi;
  board: StatusBoard;
}

/**
 * 'reset' means the server is not the one this replica followed: its epoch changed, or it no longer has
 * mutations it once acknowledged (a restored backup). The cure is a fresh bootstrap, then a resend.
 */
export type StepResult = 'ok' | 'reset';

/** Server time minus the counter's own clock, measured at the middle of the request. */
export function noteServerTime(d: SyncDeps, serverTime: string, sentAt: number, answeredAt: number): void {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return;
  d.board.set({ clockSkewMs: Math.round(server - (sentAt + answeredAt) / 2) });
}
