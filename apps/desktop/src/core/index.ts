import { setMarketLocale } from '@makeries/shared';
import type { CoreContext } from './context';
import { openDatabase } from './db/open';
import { createCartModule } from './cart/carts';
import { createCatalogModule } from './catalog/catalog';
import { createCatalogEditModule } from './catalog-edit/index';
import { createDeviceModule } from './device/device';
import { createInventoryModule } from './inventory/inventory';
import { createMirrorModule } from './mirror/apply-changes';
import { createOutboxModule } from './outbox/outbox';
import { createCardRefunder } from './payments/card-refunds';
import type { PaymentsGateway } from './payments/gateway';
import { createPaymentsModule } from './payments/payments';
import { createServerGateway } from './payments/server-gateway';
import { withPrinting, type PrintingOptions } from './printing/queue/index';
import { createRefundModule } from './refunds/refunds';
import { createServerRemoteSales, type RemoteSales } from './refunds/remote-gateway';
import { createScannerModule } from './scanners/scanners';
import { createSalesModule } from './sales/sales';
import { createShiftModule } from './shifts/shifts';
import { recentActivity } from './staff/activity';
import { zipLogs } from './logs/logs-zip';
import { createStaffModule } from './staff/auth';
import { proofHeader } from './staff/proofs';
import { createWebOrderModule } from './web-orders/web-orders';
import { createMessageModule } from './messages/messages';

export interface CounterCoreOptions {
  /** folder holding counter.sqlite (created if missing) */
  dataDir: string;
  /** wall clock in ms; tests step it (even backwards) */
  clock?: () => number;
  /** where the committed migrations are when packaged differently */
  migrationsFolder?: string;
  /** printer transports (timeouts, serial binding), retry backoff, where background print errors go */
  printing?: PrintingOptions;
  /** the marketplace's card (Stripe Terminal) procedures; defaults to the paired server as this device */
  payments?: PaymentsGateway;
  /** other registers' sales, for refunds here (online); defaults to the paired server as this device */
  remoteSales?: RemoteSales;
}

/**
 * The counter core behind one facade: plain Node, no Electron. The tRPC CounterRouter and the sync client
 * wrap these modules; every method validates its input and throws AppError with a message for staff.
 */
export function createCounterCore(opts: CounterCoreOptions) {
  const opened = openDatabase(opts.dataDir, opts.migrationsFolder ? { migrationsFolder: opts.migrationsFolder } : {});
  const ctx: CoreContext = {
    db: opened.db,
    sqlite: opened.sqlite,
    now: opts.clock ?? Date.now,
    session: { current: null },
    connectivity: { online: false },
  };
  const wired = withPrinting(
    ctx,
    { sales: createSalesModule(ctx), shifts: createShiftModule(ctx), refunds: createRefundModule(ctx), webOrders: createWebOrderModule(ctx) },
    opts.printing,
  );
  const scanners = createScannerModule(ctx);
  // role calls carry the staff proofs of the person signed in and of an approving manager
  const proofs = (staffIds: readonly string[]) => proofHeader(ctx, [ctx.session.current?.staffId, ...staffIds]);
  const gateway = opts.payments ?? createServerGateway({ dataDir: opts.dataDir, proofs });
  const device = createDeviceModule(ctx);
  // messages and receipts speak the marketplace's locale from the start, offline too (stored by the last pull)
  const { marketLocale } = device.get();
  if (marketLocale) setMarketLocale(marketLocale);
  return {
    ctx,
    file: opened.file,
    device,
    staff: createStaffModule(ctx),
    catalog: createCatalogModule(ctx),
    /** back office: product/category/tax-rate edits queued for the server, CSV, photos */
    catalogEdit: createCatalogEditModule(ctx, opts.dataDir),
    cart: createCartModule(ctx),
    /** complete() also queues the drawer kick of a cash sale */
    sales: wired.sales,
    /** a refund to a Stripe card goes back to the card (online) before it is recorded; a cash refund opens the drawer */
    refunds: createRefundModule(ctx, {
      toCard: createCardRefunder(ctx, gateway),
      recorded: wired.refundRecorded,
      remote: opts.remoteSales ?? createServerRemoteSales({ dataDir: opts.dataDir, proofs }),
    }),
    /** card payments on the Stripe Terminal reader for the open cart; complete() records them on the sale */
    payments: createPaymentsModule(ctx, { gateway, completeSale: wired.sales.complete }),
    /** noSale() also queues a drawer kick */
    shifts: wired.shifts,
    inventory: createInventoryModule(ctx),
    webOrders: createWebOrderModule(ctx),
    /** order messages with customers (issue 18): threads, unread counts, replies queued for the server, quick replies */
    messages: createMessageModule(ctx),
    /** printers, the durable print queue and the cash drawer; its workers run between start() and stop() */
    printing: wired.printing,
    outbox: createOutboxModule(ctx),
    mirror: createMirrorModule(ctx),
    /** barcode scans (keyboard wedge and serial), quick-add; serial readers run between startReaders() and stopReaders() */
    scanners,
    activity: (limit = 100) => recentActivity(ctx.db, limit),
    /** this counter's log files (logs/log-file.ts) in one zip for support */
    logsZip: (now = new Date()) => zipLogs(opts.dataDir, { registerCode: device.get().registerCode, now }),
    /** the sync client reports reachability; card via Stripe is offered only while online */
    setOnline(online: boolean): void {
      ctx.connectivity.online = online;
    },
    close: (): void => {
      // workers notice the closed database and end; a job being sent is retried at the next start
      void wired.printing.stop();
      scanners.close();
      opened.close();
    },
  };
}

export type CounterCore = ReturnType<typeof createCounterCore>;

export { enqueue } from './outbox/outbox';
export type { SignedInStaff } from './context';
export type { CartView } from './cart/view';
export type { SaleView } from './sales/views';
