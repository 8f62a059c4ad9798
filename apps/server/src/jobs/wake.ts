import { EventEmitter } from 'node:events';

/**
 * In-process nudge for the job runtime: a request that queued urgent work (a POS stock webhook) wakes this
 * instance's runtime at once instead of waiting for the next poll. Other instances still find it by polling.
 */
const bus = new EventEmitter();
bus.setMaxListeners(50);

export function wakeJobs(): void {
  bus.emit('wake');
}

export function onWake(listener: () => void): () => void {
  bus.on('wake', listener);
  return () => bus.off('wake', listener);
}
