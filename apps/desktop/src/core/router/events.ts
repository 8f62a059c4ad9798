import { EventEmitter, on } from 'node:events';
import type { CartView, CounterCore } from '../index';
import type { PrintJobView } from '../printing/queue/index';
import type { ScanEvent, SerialReaderStatus } from '../scanners/scanners';
import type { SyncController, SyncStatus } from '../sync/types';
import { createMessageWatch } from './message-watch';
import { createWebOrderWatch, type WebOrderEvent } from './web-order-watch';

interface CounterEventMap {
  sync: [SyncStatus];
  cart: [CartView | null];
  webOrder: [WebOrderEvent];
  /** a print job was queued or changed state (printing, printed, failed, back in the queue, cancelled) */
  printJob: [PrintJobView];
  /** a barcode was scanned (keyboard wedge or serial scanner), with what became of it */
  scan: [ScanEvent];
  /** a serial scanner connected, was unplugged or is retrying */
  scannerStatus: [SerialReaderStatus];
}

/**
 * Live updates for the subscriptions (sync status, web orders arriving, cart changes). The core has no
 * events of its own: sync reports through SyncController.onChange, and the router reports its own writes.
 */
export interface CounterEvents {
  /** the open cart changed through the router; subscribers get the new cart (or null) */
  cartChanged(): void;
  /** looks for web orders that arrived or changed since the last look and announces them */
  webOrdersChanged(): void;
  /** every event of one kind from now on, until `signal` aborts */
  stream<K extends keyof CounterEventMap>(name: K, signal?: AbortSignal): AsyncIterable<CounterEventMap[K][0]>;
  /** stops listening to sync; open streams end when their requests close */
  close(): void;
}

export function createCounterEvents(core: CounterCore, sync: SyncController): CounterEvents {
  const emitter = new EventEmitter<CounterEventMap>();
  // one listener per open subscription (a few browser tabs at most), not a leak
  emitter.setMaxListeners(0);
  const watch = createWebOrderWatch(core.ctx.db);
  const messageWatch = createMessageWatch(core.ctx.db);
  const emitOrders = () => {
    for (const e of [...watch.check(), ...messageWatch.check()]) emitter.emit('webOrder', e);
  };
  let lastPullAt = sync.status().lastPullAt;
  const unsubscribe = sync.onChange((status) => {
    emitter.emit('sync', status);
    // web orders only arrive with a pull
    if (status.lastPullAt !== lastPullAt) {
      lastPullAt = status.lastPullAt;
      emitOrders();
    }
  });

  const unsubscribePrinting = core.printing.onChange((job) => emitter.emit('printJob', job));
  const unsubscribeScanners = core.scanners.onEvent((e) => {
    if (e.kind === 'status') return void emitter.emit('scannerStatus', e.status);
    emitter.emit('scan', e.scan);
    // serial scans add to the cart without any request: cart screens learn it here (keyboard ones too, alike)
    if (e.scan.outcome.status === 'added' && emitter.listenerCount('cart') > 0) emitter.emit('cart', e.scan.outcome.cart);
  });

  return {
    cartChanged() {
      // building the cart view costs a few queries: skip it when no screen follows the cart
      if (emitter.listenerCount('cart') > 0) emitter.emit('cart', core.cart.current());
    },
    webOrdersChanged: emitOrders,
    stream(name, signal) {
      // on() listens from this call, not from the first read: nothing emitted in between is lost
      const events = on(emitter, name, signal ? { signal } : {});
      return (async function* () {
        for await (const args of events) yield (args as CounterEventMap[typeof name])[0];
      })();
    },
    close() {
      unsubscribe();
      unsubscribePrinting();
      unsubscribeScanners();
    },
  };
}
