import { createTRPCClient } from '@trpc/client';
import type { CounterRouter } from '../core/router/index';
import { ipcLink } from '../ipc/link';
import { fromEmitterPort } from '../ipc/port';
import type { IpcTransport } from '../ipc/protocol';
import { createPortTransport, type PortTransport } from '../ipc/transport';
import type { CoreHost } from './core-host';

export type CoreClient = ReturnType<typeof createTRPCClient<CounterRouter>>;

export interface MainCoreClient {
  client: CoreClient;
  /** after a core restart: drop the dead port and open a new one */
  reconnect(): void;
}

/** Main's own tRPC client of the CounterRouter, over the same kind of port the renderer uses. */
export function createMainCoreClient(host: CoreHost): MainCoreClient {
  let transport: PortTransport = createPortTransport(fromEmitterPort(host.connect()));
  const current: IpcTransport = {
    request: (op) => transport.request(op),
    subscribe: (op, onEvent) => transport.subscribe(op, onEvent),
  };
  return {
    client: createTRPCClient<CounterRouter>({ links: [ipcLink({ transport: current })] }),
    reconnect() {
      transport.close();
      transport = createPortTransport(fromEmitterPort(host.connect()));
    },
  };
}

/**
 * Whether a sale is open at the till; null when the core does not answer within `timeoutMs` (busy, crashed),
 * which callers treat as "maybe": never restart blind, ask before quitting.
 */
export async function askSaleInProgress(client: CoreClient, timeoutMs = 3000): Promise<boolean | null> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      ac.abort();
      resolve(null);
    }, timeoutMs);
  });
  try {
    const answer = client.sales.inProgress.query(undefined, { signal: ac.signal }).then(
      (r) => r.inProgress,
      () => null,
    );
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
