/**
 * One small port interface over the three MessagePort flavours the counter meets: the DOM one in the preload,
 * Electron's MessagePortMain in main and in the utility process, and node:worker_threads' in tests (which is an
 * EventTarget like the DOM one).
 */
export interface PortLike {
  postMessage(message: unknown): void;
  /** starts delivery; returns a function that stops listening */
  onMessage(listener: (data: unknown) => void): () => void;
  /** the other end went away (window reloaded, process exited) */
  onClose(listener: () => void): () => void;
  close(): void;
}

/** The DOM MessagePort (and node:worker_threads' MessagePort, which implements the same EventTarget API). */
export interface EventTargetPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'close', listener: (event: { data?: unknown }) => void): void;
  removeEventListener(type: 'message' | 'close', listener: (event: { data?: unknown }) => void): void;
  start(): void;
  close(): void;
}

export function fromEventTargetPort(port: EventTargetPort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      const handler = (event: { data?: unknown }) => listener(event.data);
      port.addEventListener('message', handler);
      // addEventListener (unlike onmessage) leaves the port's queue paused until start()
      port.start();
      return () => port.removeEventListener('message', handler);
    },
    onClose(listener) {
      const handler = () => listener();
      port.addEventListener('close', handler);
      return () => port.removeEventListener('close', handler);
    },
    close: () => port.close(),
  };
}

/** Electron's MessagePortMain (an EventEmitter whose message events carry `data`). */
export interface EmitterPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export function fromEmitterPort(port: EmitterPort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      const handler = (event: { data: unknown }) => listener(event.data);
      port.on('message', handler);
      port.start();
      return () => port.off('message', handler);
    },
    onClose(listener) {
      const handler = () => listener();
      port.on('close', handler);
      return () => port.off('close', handler);
    },
    close: () => port.close(),
  };
}

export interface DeferredPort extends PortLike {
  /** the real port arrived: queued messages go out in order, and it behaves as that port from now on */
  attach(port: PortLike): void;
}

/**
 * A port that exists before the real one: the preload asks main for a port, and the page may call the core
 * before it arrives. Messages wait in order; close before attach closes the real port as soon as it comes.
 */
export function createDeferredPort(): DeferredPort {
  let real: PortLike | null = null;
  let closed = false;
  const queue: unknown[] = [];
  const messageListeners = new Set<(data: unknown) => void>();
  const closeListeners = new Set<() => void>();
  const detach: (() => void)[] = [];
  return {
    postMessage(message) {
      if (real) real.postMessage(message);
      else if (!closed) queue.push(message);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      closed = true;
      queue.length = 0;
      for (const d of detach.splice(0)) d();
      real?.close();
    },
    attach(port) {
      if (real || closed) {
        port.close();
        return;
      }
      real = port;
      detach.push(port.onMessage((data) => messageListeners.forEach((l) => l(data))));
      detach.push(port.onClose(() => closeListeners.forEach((l) => l())));
      for (const message of queue.splice(0)) port.postMessage(message);
    },
  };
}
