import { isoAt, type CoreContext } from '../context';
import { createScanner, listScanners, removeScanner, updateScanner, type ScannerConfig } from './config';
import type { ScannerCreateInput, ScannerUpdateInput, QuickAddInput } from './inputs';
import { quickAdd, type QuickAdded } from './quick-add';
import { createSerialReaders, type ReaderOptions } from './readers';
import { scanToCart, type ScanEvent, type ScanOutcome, type ScanSource } from './scan-input';
import type { SerialReaderStatus } from './serial-scanner';

export type ScannerEvent = { kind: 'scan'; scan: ScanEvent } | { kind: 'status'; status: SerialReaderStatus };

export interface ScannerView extends ScannerConfig {
  /** null while readers are not running (tests, or before the app started them) */
  link: SerialReaderStatus | null;
}

export interface QuickAddResult extends QuickAdded {
  /** the scan of the new product into the open sale, when asked for */
  scan: ScanOutcome | null;
}

/**
 * Barcode scanners: the scan pipeline (keyboard wedge scans arrive through the router, serial ones from the
 * readers), quick-add for unknown codes, and the serial scanners' settings and readers. The core has no event
 * bus; listeners registered with `onEvent` (the router's events) hear every scan and every link change.
 */
export function createScannerModule(ctx: CoreContext) {
  const listeners = new Set<(e: ScannerEvent) => void>();
  let closed = false;
  const emit = (e: ScannerEvent) => {
    for (const l of listeners) l(e);
  };

  const scan = (code: string, source: ScanSource, scannerId: string | null = null): ScanOutcome => {
    const outcome = scanToCart(ctx, code);
    emit({ kind: 'scan', scan: { source, scannerId, at: isoAt(ctx.now()), outcome } });
    return outcome;
  };

  const readers = createSerialReaders({
    now: ctx.now,
    onCode(scannerId, code) {
      if (closed) return;
      try {
        scan(code, 'serial', scannerId);
      } catch (e) {
        // nobody called us to hear about it: the screen shows it like any refused scan
        const message = 'This scan could not be recorded on this counter. Scan it again.';
        emit({ kind: 'scan', scan: { source: 'serial', scannerId, at: isoAt(ctx.now()), outcome: { status: 'refused', code, error: { code: 'INTERNAL', message, details: { cause: String(e) } } } } });
      }
    },
    onStatus: (status) => {
      if (!closed) emit({ kind: 'status', status });
    },
  });
  const reload = () => readers.apply(listScanners(ctx));

  return {
    /** A keyboard-wedge scan (or a typed code) into the open sale. */
    scan: (code: string): ScanOutcome => scan(code, 'keyboard'),

    async quickAdd(input: QuickAddInput): Promise<QuickAddResult> {
      const added = await quickAdd(ctx, input);
      const wantsCart = input.addToCart ?? true;
      return { ...added, scan: wantsCart ? scan(added.barcode ?? added.sku, 'quick-add') : null };
    },

    /** Tax classes and categories the quick-add form offers. */
    quickAddOptions() {
      const taxRates = ctx.sqlite.prepare('SELECT tax_class AS taxClass, name, rate_bps AS rateBps FROM mirror_tax_rates ORDER BY tax_class, name').all() as {
        taxClass: string;
        name: string;
        rateBps: number;
      }[];
      const categories = ctx.sqlite.prepare('SELECT id, name FROM mirror_categories ORDER BY sort, name').all() as { id: string; name: string }[];
      return { taxRates, categories };
    },

    list(): ScannerView[] {
      const links = readers.statuses();
      return listScanners(ctx).map((s) => ({ ...s, link: links.get(s.id) ?? null }));
    },
    async create(input: ScannerCreateInput): Promise<ScannerConfig> {
      const row = createScanner(ctx, input);
      await reload();
      return row;
    },
    async update(input: ScannerUpdateInput): Promise<ScannerConfig> {
      const row = updateScanner(ctx, input);
      await reload();
      return row;
    },
    async remove(input: { id: string }): Promise<void> {
      removeScanner(ctx, input);
      await reload();
    },

    /** Opens every enabled serial scanner and keeps it open (reconnecting) until `stopReaders`. */
    startReaders: (opts: ReaderOptions = {}): Promise<void> => readers.start(listScanners(ctx), opts),
    stopReaders: (): Promise<void> => readers.stop(),

    onEvent(listener: (e: ScannerEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** The database is closing: drop whatever a reader still delivers, and let go of the ports. */
    close(): void {
      closed = true;
      void readers.stop();
    },
  };
}

export type { ScanEvent, ScanOutcome, ScanSource } from './scan-input';
export type { SerialReaderStatus } from './serial-scanner';
