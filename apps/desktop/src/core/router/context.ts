import type { CounterCore } from '../index';
import type { SyncController } from '../sync/types';
import { createCounterEvents } from './events';
import type { CounterContext } from './trpc';

export interface OpenCounterContext extends CounterContext {
  /** stops the event wiring (call before closing the core) */
  close(): void;
}

/**
 * The one context every request shares (HTTP, IPC or a test's createCaller): no request is needed to build
 * it, so the router runs the same in Electron, headless and in tests.
 */
export function createCounterContext(core: CounterCore, sync: SyncController): OpenCounterContext {
  const events = createCounterEvents(core, sync);
  return { core, sync, events, close: () => events.close() };
}
