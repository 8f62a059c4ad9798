import { quickAddInput, scanCodeInput, scannerCreateInput, scannerIdInput, scannerUpdateInput } from '../scanners/inputs';
import { managerProcedure, queuedProcedure, router, staffProcedure } from './trpc';

/**
 * Barcode scanners. Keyboard-wedge scans come from the renderer's burst classifier through `scan`; serial scans
 * arrive by themselves (see `onScan`). Cart subscribers hear about items added either way (events.ts).
 */
export const scannersRouter = router({
  /** A scanned code into the open sale: added / invalid (check digit) / unknown (offer quick-add) / refused. */
  scan: staffProcedure.input(scanCodeInput).mutation(({ ctx, input }) => ctx.core.scanners.scan(input.code)),

  /** What the quick-add form offers: the shop's tax rates and categories. */
  quickAddOptions: staffProcedure.query(({ ctx }) => ctx.core.scanners.quickAddOptions()),

  /**
   * A product for an unknown code, in the local catalog at once and queued for the server. A manager, or a
   * cashier with a manager's PIN (`approval`); by default one goes into the open sale.
   */
  quickAdd: queuedProcedure.input(quickAddInput).mutation(({ ctx, input }) => ctx.core.scanners.quickAdd(input)),

  /** Serial scanners set up on this counter, each with its link state while readers run. */
  list: staffProcedure.query(({ ctx }) => ctx.core.scanners.list()),
  create: managerProcedure.input(scannerCreateInput).mutation(({ ctx, input }) => ctx.core.scanners.create(input)),
  update: managerProcedure.input(scannerUpdateInput).mutation(({ ctx, input }) => ctx.core.scanners.update(input)),
  remove: managerProcedure.input(scannerIdInput).mutation(async ({ ctx, input }) => {
    await ctx.core.scanners.remove(input);
    return { ok: true as const };
  }),

  /** Every scan from now on (serial ones especially: nobody asked for them), with its outcome. */
  onScan: staffProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const scan of ctx.events.stream('scan', signal)) yield scan;
  }),

  /** Serial scanners connecting, unplugged, back again. */
  onStatus: staffProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const status of ctx.events.stream('scannerStatus', signal)) yield status;
  }),
});
