import type { PortLike } from './port';
import {
  isServerMessage,
  LOST_MESSAGE,
  type IpcClientMessage,
  type IpcOperation,
  type IpcResult,
  type IpcSubscriptionEvent,
  type IpcTransport,
} from './protocol';

export interface PortTransport extends IpcTransport {
  /** fails what is in flight as `lost` and stops listening; later calls answer `lost` at once */
  close(): void;
}

/**
 * The client end of the port: numbers each call, matches answers to callers, and fails everything still open
 * when the port closes, so a dead core shows as an error instead of a request that never returns.
 */
export function createPortTransport(port: PortLike, lostMessage = LOST_MESSAGE): PortTransport {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (r: IpcResult) => void>();
  const subscriptions = new Map<number, (e: IpcSubscriptionEvent) => void>();

  const send = (message: IpcClientMessage): boolean => {
    if (closed) return false;
    try {
      port.postMessage(message);
      return true;
    } catch {
      // input that cannot be cloned (a function, a DOM node): nothing reached the core
      return false;
    }
  };

  const stopListening = port.onMessage((message) => {
    if (!isServerMessage(message)) return;
    if (message.t === 'result' || message.t === 'error') {
      const resolve = pending.get(message.id);
      if (resolve) {
        pending.delete(message.id);
        resolve(message.t === 'result' ? { ok: true, data: message.data } : { ok: false, error: message.error });
        return;
      }
    }
    const listener = subscriptions.get(message.id);
    if (!listener) return;
    if (message.t === 'data') listener({ type: 'data', data: message.data });
    else if (message.t === 'started') listener({ type: 'started' });
    else if (message.t === 'stopped' || message.t === 'error') {
      subscriptions.delete(message.id);
      listener(message.t === 'error' ? { type: 'error', error: message.error } : { type: 'stopped' });
    }
  });

  const failAll = () => {
    if (closed) return;
    closed = true;
    stopListening();
    stopClose();
    for (const resolve of pending.values()) resolve({ ok: false, lost: lostMessage });
    for (const listener of subscriptions.values()) listener({ type: 'lost', message: lostMessage });
    pending.clear();
    subscriptions.clear();
  };
  const stopClose = port.onClose(failAll);

  return {
    request(op: IpcOperation): Promise<IpcResult> {
      const id = nextId++;
      return new Promise<IpcResult>((resolve) => {
        pending.set(id, resolve);
        if (!send({ t: 'call', id, op: { type: op.type, path: op.path, input: op.input } })) {
          pending.delete(id);
          resolve({ ok: false, lost: closed ? lostMessage : 'This request could not be sent to the counter (its input cannot be copied).' });
        }
      });
    },

    subscribe(op: IpcOperation, onEvent: (e: IpcSubscriptionEvent) => void): () => void {
      const id = nextId++;
      subscriptions.set(id, onEvent);
      if (!send({ t: 'call', id, op: { type: 'subscription', path: op.path, input: op.input } })) {
        subscriptions.delete(id);
        onEvent({ type: 'lost', message: lostMessage });
        return () => {};
      }
      return () => {
        if (subscriptions.delete(id)) send({ t: 'stop', id });
      };
    },

    close() {
      failAll();
      port.close();
    },
  };
}
