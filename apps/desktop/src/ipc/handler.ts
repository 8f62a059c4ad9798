import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  TRPCError,
  type AnyRouter,
  type inferRouterContext,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { PortLike } from './port';
import { isClientMessage, type IpcErrorShape, type IpcOperation, type IpcProcedureType, type IpcServerMessage } from './protocol';

export interface IpcHandlerOptions<TRouter extends AnyRouter> {
  router: TRouter;
  /** the counter shares one context (its PIN session), so this usually returns the same object every time */
  createContext: () => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** every error a procedure raised (AppErrors included); the caller already got it as an answer */
  onError?: (info: { error: TRPCError; path: string; type: IpcProcedureType }) => void;
}

export interface IpcHandler {
  /** one message from the client; anything that is not a protocol message is ignored */
  handleIpcMessage(message: unknown): void;
  /** open subscriptions (tests and diagnostics) */
  activeSubscriptions(): number;
  /** stops every subscription: the client went away */
  stopAll(): void;
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/**
 * The core's end of the IPC bridge: runs procedures through tRPC's own caller (input validation, middleware,
 * the router's errorFormatter), answers queries and mutations once, and streams subscriptions until the client
 * sends `stop`, the generator ends, or the port closes.
 */
function createIpcHandler<TRouter extends AnyRouter>(opts: IpcHandlerOptions<TRouter>, send: (m: IpcServerMessage) => void): IpcHandler {
  const subscriptions = new Map<number, AbortController>();

  const shape = (cause: unknown, op: IpcOperation, ctx: unknown): IpcErrorShape => {
    const error = getTRPCErrorFromUnknown(cause);
    opts.onError?.({ error, path: op.path, type: op.type });
    return getTRPCErrorShape({ config: opts.router._def._config, error, type: op.type, path: op.path, input: op.input, ctx }) as IpcErrorShape;
  };

  /** Sends an answer; one that structured clone refuses (a function, a class instance) becomes an error instead. */
  const post = (message: IpcServerMessage, op: IpcOperation, ctx: unknown): void => {
    try {
      send(message);
    } catch (cause) {
      if (message.t !== 'result' && message.t !== 'data') return;
      const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'The answer could not be sent to the screen.', cause });
      try {
        send({ t: 'error', id: message.id, error: shape(error, op, ctx) });
      } catch {
        // the port is gone; nobody is waiting
      }
    }
  };

  async function stream(id: number, op: IpcOperation, ctx: unknown, result: unknown, abort: AbortController): Promise<void> {
    const iterable = isObservable(result) ? observableToAsyncIterable(result, abort.signal) : result;
    if (!isAsyncIterable(iterable)) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `${op.path} is not a subscription.` });
    const iterator = iterable[Symbol.asyncIterator]();
    const stopped = new Promise<'stop'>((resolve) => abort.signal.addEventListener('abort', () => resolve('stop'), { once: true }));
    post({ t: 'started', id }, op, ctx);
    try {
      for (;;) {
        const pending = iterator.next();
        // when `stop` wins the race, the generator still ends (its signal aborted) and may throw AbortError
        pending.catch(() => {});
        const next = await Promise.race([pending, stopped]);
        if (next === 'stop') return;
        if (next.done) {
          post({ t: 'stopped', id }, op, ctx);
          return;
        }
        const value: unknown = next.value;
        post({ t: 'data', id, data: isTrackedEnvelope(value) ? { id: value[0], data: value[1] } : value }, op, ctx);
      }
    } catch (cause) {
      if (!abort.signal.aborted) post({ t: 'error', id, error: shape(cause, op, ctx) }, op, ctx);
    } finally {
      abort.abort();
      // not awaited: a generator parked on something other than its signal must not hold this up
      void iterator.return?.()?.catch(() => {});
    }
  }

  async function run(id: number, op: IpcOperation): Promise<void> {
    let ctx: unknown;
    const abort = op.type === 'subscription' ? new AbortController() : null;
    if (abort) {
      if (subscriptions.has(id)) {
        const duplicate = new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate subscription id ${id}` });
        post({ t: 'error', id, error: shape(duplicate, op, undefined) }, op, undefined);
        return;
      }
      subscriptions.set(id, abort);
    }
    try {
      ctx = await opts.createContext();
      const result: unknown = await callTRPCProcedure({
        router: opts.router,
        path: op.path,
        getRawInput: () => Promise.resolve(op.input),
        ctx,
        type: op.type,
        signal: abort?.signal,
        batchIndex: 0,
      });
      if (!abort) {
        if (isAsyncIterable(result) || isObservable(result)) {
          throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `${op.path} streams: call it as a subscription.` });
        }
        post({ t: 'result', id, data: result }, op, ctx);
        return;
      }
      if (abort.signal.aborted) return;
      await stream(id, op, ctx, result, abort);
    } catch (cause) {
      if (!abort?.signal.aborted) post({ t: 'error', id, error: shape(cause, op, ctx) }, op, ctx);
    } finally {
      if (abort) {
        abort.abort();
        subscriptions.delete(id);
      }
    }
  }

  return {
    handleIpcMessage(message) {
      if (!isClientMessage(message)) return;
      if (message.t === 'stop') {
        subscriptions.get(message.id)?.abort();
        return;
      }
      void run(message.id, message.op);
    },
    activeSubscriptions: () => subscriptions.size,
    stopAll() {
      for (const abort of subscriptions.values()) abort.abort();
    },
  };
}

/** Serves the router on one port until it closes (or `close()` is called). */
export function serveIpcPort<TRouter extends AnyRouter>(port: PortLike, opts: IpcHandlerOptions<TRouter>): IpcHandler & { close(): void } {
  const handler = createIpcHandler(opts, (m) => port.postMessage(m));
  const stopMessages = port.onMessage((m) => handler.handleIpcMessage(m));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    stopMessages();
    stopClose();
    handler.stopAll();
  };
  const stopClose = port.onClose(close);
  return {
    ...handler,
    close() {
      close();
      port.close();
    },
  };
}
