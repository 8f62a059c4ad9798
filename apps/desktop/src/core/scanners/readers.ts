import type { ScannerConfig } from './config';
import { startSerialReader, type RetryPolicy, type SerialBinding, type SerialReader, type SerialReaderStatus } from './serial-scanner';

export interface ReaderOptions {
  binding?: SerialBinding;
  retry?: RetryPolicy;
}

interface Running {
  /** what the reader was started with: a change to any of it restarts the reader */
  key: string;
  reader: SerialReader;
}

const keyOf = (s: ScannerConfig) => JSON.stringify([s.path, s.baudRate, s.prefix, s.suffix]);

/**
 * One reader per enabled serial scanner while started. `apply` brings the running readers in line with the
 * settings after every change (new, removed, disabled or re-configured scanners), leaving the others alone.
 */
export function createSerialReaders(deps: {
  now: () => number;
  onCode: (scannerId: string, code: string) => void;
  onStatus: (status: SerialReaderStatus) => void;
}) {
  const running = new Map<string, Running>();
  let options: ReaderOptions | null = null;

  const stopOne = async (id: string) => {
    const r = running.get(id);
    running.delete(id);
    await r?.reader.stop();
  };

  const reconcile = async (configs: readonly ScannerConfig[]): Promise<void> => {
    const opts = options;
    if (!opts) return;
    const wanted = new Map(configs.filter((c) => c.enabled).map((c) => [c.id, c]));
    for (const [id, r] of [...running]) {
      const c = wanted.get(id);
      if (!c || keyOf(c) !== r.key) await stopOne(id);
    }
    for (const c of wanted.values()) {
      if (running.has(c.id)) continue;
      const reader = startSerialReader({ scanner: c, ...opts, now: deps.now, onCode: (code) => deps.onCode(c.id, code), onStatus: deps.onStatus });
      running.set(c.id, { key: keyOf(c), reader });
    }
  };

  // one change at a time: a settings edit arriving while readers stop must not start a reader twice
  let chain: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => (chain = chain.then(step, step));

  return {
    get started(): boolean {
      return options !== null;
    },
    start(configs: readonly ScannerConfig[], opts: ReaderOptions): Promise<void> {
      options = opts;
      return serial(() => reconcile(configs));
    },
    apply: (configs: readonly ScannerConfig[]): Promise<void> => serial(() => reconcile(configs)),
    statuses(): Map<string, SerialReaderStatus> {
      return new Map([...running].map(([id, r]) => [id, r.reader.status()]));
    },
    stop(): Promise<void> {
      options = null;
      return serial(async () => {
        await Promise.all([...running.keys()].map(stopOne));
      });
    },
  };
}
