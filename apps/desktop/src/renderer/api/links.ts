import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import type { MakeriesBridge } from '../../ipc/bridge';
import { ipcLink } from '../../ipc/link';
import type { CounterRouter } from './types';

/*
 * Where the UI runs decides how it reaches the counter core. Inside Electron the preload exposes a bridge at
 * `window.makeries` and calls travel over IPC to the core's process; in a browser the headless counter serves
 * the UI and its API on one origin: HTTP (batched) for calls, server-sent events for subscriptions, at /trpc.
 */

const TRPC_PATH = '/trpc';

export interface LinkEnvironment {
  /** `window`, which has `makeries` only inside the Electron shell */
  host: { makeries?: MakeriesBridge };
  /** the page's origin, e.g. http://127.0.0.1:4319 */
  origin: string;
}

function browserLinks(origin: string): TRPCLink<CounterRouter>[] {
  const url = `${origin}${TRPC_PATH}`;
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url }),
      false: httpBatchLink({ url, maxURLLength: 4000 }),
    }),
  ];
}

export function pickLinks(env: LinkEnvironment): { kind: 'ipc' | 'http'; links: TRPCLink<CounterRouter>[] } {
  const bridge = env.host.makeries;
  if (bridge?.trpc) return { kind: 'ipc', links: [ipcLink<CounterRouter>({ transport: bridge.trpc })] };
  return { kind: 'http', links: browserLinks(env.origin) };
}
