import type { Timers } from './timers';

/**
 * Timers a test fires by hand (test support): what matters is which waits are armed and what happens when one
 * runs out, not how long anything took.
 */
export function handTimers() {
  const waiting = new Map<number, { fn: () => void; ms: number }>();
  let seq = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      waiting.set(++seq, { fn, ms });
      return seq;
    },
    clearTimeout(handle) {
      waiting.delete(handle as number);
    },
  };
  const fire = (id: number): void => {
    const t = waiting.get(id);
    waiting.delete(id);
    t?.fn();
  };
  return {
    timers,
    waiting,
    armed: () => [...waiting.values()].map((t) => t.ms),
    fire,
    fireAll() {
      for (const id of [...waiting.keys()]) fire(id);
    },
  };
}
