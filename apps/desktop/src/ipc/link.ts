import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { IpcErrorShape, IpcTransport } from './protocol';

export interface IpcLinkOptions {
  /** `window.makeries.trpc` in the renderer; a port transport in main and in tests */
  transport: IpcTransport;
}

/** The server's error shape as a TRPCClientError, so `error.data.appCode` reads as it does over HTTP. */
function serverError<TRouter extends AnyRouter>(error: IpcErrorShape): TRPCClientError<TRouter> {
  return TRPCClientError.from<TRouter>({ error });
}

/** No answer at all (core restarting, port closed): like a network failure over HTTP, there is no `data`. */
function lostError<TRouter extends AnyRouter>(message: string): TRPCClientError<TRouter> {
  return TRPCClientError.from<TRouter>(new Error(message));
}

/**
 * A terminating tRPC v11 link over the IPC bridge: queries, mutations and subscriptions (started, data, stopped).
 * Works with routers without a data transformer (structured clone already keeps types), like the CounterRouter.
 */
export function ipcLink<TRouter extends AnyRouter>(opts: IpcLinkOptions): TRPCLink<TRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const call = { type: op.type, path: op.path, input: op.input };

        if (op.type === 'subscription') {
          let ended = false;
          const stop = opts.transport.subscribe(call, (event) => {
            if (ended) return;
            switch (event.type) {
              case 'started':
                observer.next({ result: { type: 'started' } });
                break;
              case 'data':
                observer.next({ result: { type: 'data', data: event.data } });
                break;
              case 'stopped':
                ended = true;
                observer.next({ result: { type: 'stopped' } });
                observer.complete();
                break;
              case 'error':
                ended = true;
                observer.error(serverError<TRouter>(event.error));
                break;
              case 'lost':
                ended = true;
                observer.error(lostError<TRouter>(event.message));
                break;
            }
          });
          return () => {
            ended = true;
            stop();
          };
        }

        // a query cannot be cancelled in the core (it is one synchronous SQLite call); unsubscribing drops the answer
        let active = true;
        opts.transport.request(call).then(
          (result) => {
            if (!active) return;
            if (result.ok) {
              observer.next({ result: { type: 'data', data: result.data } });
              observer.complete();
            } else {
              observer.error('error' in result ? serverError<TRouter>(result.error) : lostError<TRouter>(result.lost));
            }
          },
          (cause: unknown) => {
            if (active) observer.error(TRPCClientError.from<TRouter>(cause instanceof Error ? cause : new Error(String(cause))));
          },
        );
        return () => {
          active = false;
        };
      });
}
