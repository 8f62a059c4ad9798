import { describe, expect, it } from 'vitest';
import { openPokeStream } from './poke';
import { handTimers } from './hand-timers';

/** Hand-fired timers, so a reconnect backoff of 16 s costs no real time. */
function heldTimers() {
  const hand = handTimers();
  return {
    timers: hand.timers,
    delays: () => hand.armed().sort((a, b) => a - b),
    fireLongest() {
      const [id] = [...hand.waiting].sort((a, b) => b[1].ms - a[1].ms)[0]!;
      hand.fire(id);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the live poke stream', () => {
  it('reconnects at once when the server answers again, instead of waiting out its backoff', async () => {
    const clock = heldTimers();
    let attempts = 0;
    let up = false;
    let opened = 0;
    const stream = openPokeStream({
      url: 'http://marketplace.test/sync/poke',
      token: () => 'device-token',
      timers: clock.timers,
      random: () => 0.99,
      onPoke: () => {},
      onOpen: () => opened++,
      fetch: (_url, init) => {
        attempts++;
        if (!up) return Promise.reject(new TypeError('fetch failed'));
        return Promise.resolve(new Response(new ReadableStream({ start: (ctl) => init?.signal?.addEventListener('abort', () => ctl.error(new Error('closed'))) }), {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
        }));
      },
    });
    try {
      // the server is down: each failed connect waits longer (full jitter of 1, 2, 4, 8 s with random 0.99)
      for (let i = 0; i < 4; i++) {
        await tick();
        clock.fireLongest();
      }
      await tick();
      expect(attempts).toBe(5);
      expect(Math.max(...clock.delays())).toBeGreaterThan(15_000);

      // a sync round reaches the server again: the stream connects now, not in 16 s
      up = true;
      stream.wake();
      await tick();
      expect(attempts).toBe(6);
      expect(opened).toBe(1);

      // while connected, waking does nothing
      stream.wake();
      await tick();
      expect(attempts).toBe(6);
    } finally {
      stream.close();
    }
  });
});
