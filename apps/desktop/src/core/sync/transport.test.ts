import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, watchedFetch, type FetchLike } from './transport';
import { handTimers } from './hand-timers';

function hooks() {
  const seen: string[] = [];
  return { seen, silent: () => seen.push('silent'), answered: () => seen.push('answered') };
}

describe('watchedFetch', () => {
  it('a request nobody answers is reported as silent after the answer limit, before it times out', () => {
    const clock = handTimers();
    const h = hooks();
    const never: FetchLike = () => new Promise(() => {});
    void watchedFetch(never, DEFAULT_TIMEOUTS.answerMs, clock.timers, h)('http://marketplace/trpc/sync.push');
    expect(clock.armed()).toEqual([DEFAULT_TIMEOUTS.answerMs]);
    // "offline within 10 s" holds with the real settings
    expect(DEFAULT_TIMEOUTS.answerMs).toBeLessThan(10_000);
    expect(DEFAULT_TIMEOUTS.pokeConnectMs).toBeLessThanOrEqual(10_000);
    clock.fireAll();
    expect(h.seen).toEqual(['silent']);
  });

  it('an answer disarms the watch and says the server is there; a 5xx does not', async () => {
    const clock = handTimers();
    const h = hooks();
    let status = 200;
    const answers: FetchLike = () => Promise.resolve(new Response('{}', { status }));
    const f = watchedFetch(answers, 1_000, clock.timers, h);
    await f('http://marketplace/trpc/sync.pull');
    status = 503;
    await f('http://marketplace/trpc/sync.pull');
    expect(h.seen).toEqual(['answered']);
    expect(clock.armed()).toEqual([]);
  });
});
