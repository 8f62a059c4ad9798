import type { SyncStatus } from '../api/types';
import { clockTime } from '../format/time';

/**
 * What waits, in one sentence, from the same status snapshot as the connection pill: "waiting" is every change
 * the marketplace has not acknowledged, "on the way" is the part of it in the request being sent, so the two
 * numbers can never disagree. Offline, the sentence says since when and that selling is safe.
 */
export function syncSentence(s: Pick<SyncStatus, 'connection' | 'offlineSince' | 'pending' | 'sending'>): string {
  const waiting = s.pending === 0 ? 'all sent' : `${s.pending} waiting to send`;
  if (s.connection === 'offline') {
    const since = s.offlineSince ? ` since ${clockTime(s.offlineSince)}` : '';
    return `Offline${since} — sales are safe, ${waiting}`;
  }
  if (s.pending === 0) return 'All sent';
  return s.sending > 0 ? `${waiting} · ${Math.min(s.sending, s.pending)} on the way` : waiting;
}
