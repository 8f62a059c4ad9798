/**
 * The messages a tRPC client (renderer via the preload, or Electron main) and the core's handler exchange over a
 * MessagePort. Structured clone carries them, so no transformer is involved: the CounterRouter has none either.
 * Pure types and guards: this file is imported by the renderer, the preload, main and the utility process.
 */

export type IpcProcedureType = 'query' | 'mutation' | 'subscription';

export interface IpcOperation {
  type: IpcProcedureType;
  /** dotted procedure path, e.g. `cart.addByScan` */
  path: string;
  input: unknown;
}

/** The error as the router's errorFormatter shaped it (so `data.appCode` is there), like an HTTP error body. */
export interface IpcErrorShape {
  code: number;
  message: string;
  data?: unknown;
}

/** client → handler: run a procedure (a subscription keeps streaming until `stop`) */
export type IpcClientMessage = { t: 'call'; id: number; op: IpcOperation } | { t: 'stop'; id: number };

/** handler → client */
export type IpcServerMessage =
  | { t: 'result'; id: number; data: unknown }
  | { t: 'error'; id: number; error: IpcErrorShape }
  | { t: 'started'; id: number }
  | { t: 'data'; id: number; data: unknown }
  | { t: 'stopped'; id: number };

/** What a query or mutation answers. `lost`: the core could not be reached (closed port, restart). */
export type IpcResult = { ok: true; data: unknown } | { ok: false; error: IpcErrorShape } | { ok: false; lost: string };

export type IpcSubscriptionEvent =
  | { type: 'started' }
  | { type: 'data'; data: unknown }
  | { type: 'error'; error: IpcErrorShape }
  | { type: 'lost'; message: string }
  | { type: 'stopped' };

/**
 * The bridge the preload exposes as `window.makeries.trpc` (and what main uses directly). Requests never reject
 * for a procedure's error: the error comes back as data, because a rejection crossing contextBridge keeps only
 * its message and would lose `data.appCode`.
 */
export interface IpcTransport {
  request(op: IpcOperation): Promise<IpcResult>;
  /** returns a function that stops the subscription (safe to call twice) */
  subscribe(op: IpcOperation, onEvent: (event: IpcSubscriptionEvent) => void): () => void;
}

export const LOST_MESSAGE = 'The counter’s database process is not answering. Wait a moment; if this stays, restart Makeries Counter.';

const TYPES: readonly string[] = ['query', 'mutation', 'subscription'] satisfies IpcProcedureType[];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** Messages come from another process (a renderer is not trusted): anything else is ignored. */
export function isClientMessage(x: unknown): x is IpcClientMessage {
  if (!isRecord(x) || !isId(x.id)) return false;
  if (x.t === 'stop') return true;
  if (x.t !== 'call' || !isRecord(x.op)) return false;
  const { type, path } = x.op;
  return typeof type === 'string' && TYPES.includes(type) && typeof path === 'string' && path.length > 0 && path.length <= 200;
}

export function isServerMessage(x: unknown): x is IpcServerMessage {
  if (!isRecord(x) || !isId(x.id)) return false;
  switch (x.t) {
    case 'result':
    case 'data':
    case 'started':
    case 'stopped':
      return true;
    case 'error':
      return isRecord(x.error) && typeof x.error.code === 'number' && typeof x.error.message === 'string';
    default:
      return false;
  }
}
