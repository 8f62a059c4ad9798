import { describe, expect, it } from 'vitest';
import { clockTime } from '../format/time';
import { syncSentence } from './sync-sentence';

const since = '2026-03-02T11:13:00.000Z';

describe('the status bar sentence', () => {
  it('offline: since when, that sales are safe, and how many wait — nothing is "sending"', () => {
    expect(syncSentence({ connection: 'offline', offlineSince: since, pending: 2, sending: 0 })).toBe(`Offline since ${clockTime(since)} — sales are safe, 2 waiting to send`);
    expect(syncSentence({ connection: 'offline', offlineSince: since, pending: 0, sending: 0 })).toBe(`Offline since ${clockTime(since)} — sales are safe, all sent`);
  });

  it('online: what is on the way is part of what waits, never a second count of it', () => {
    expect(syncSentence({ connection: 'online', offlineSince: null, pending: 2, sending: 1 })).toBe('2 waiting to send · 1 on the way');
    expect(syncSentence({ connection: 'online', offlineSince: null, pending: 2, sending: 0 })).toBe('2 waiting to send');
    expect(syncSentence({ connection: 'online', offlineSince: null, pending: 0, sending: 0 })).toBe('All sent');
  });
});
