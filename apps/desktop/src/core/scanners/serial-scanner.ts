import { SerialPort } from 'serialport';
import { createCodeSplitter } from './code-splitter';
import { withHangupDetection } from './unix-hangup';

/*
 * The binding surface of @serialport/bindings-interface 1.x, typed here: the package's typings sit behind an
 * "exports" map without "types", so TypeScript's "Bundler" resolution sees them as `any`.
 */
export interface SerialPortBinding {
  readonly isOpen: boolean;
  readonly openOptions: unknown;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  close(): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: Record<string, boolean | undefined>): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

/** How ports are reached: the OS (default) or, in tests, `MockBinding` from `@serialport/binding-mock`. */
export interface SerialBinding {
  list(): Promise<{ path: string }[]>;
  open(options: { path: string; baudRate: number }): Promise<SerialPortBinding>;
}

type PortOptions = ConstructorParameters<typeof SerialPort>[0];

type ScannerLinkState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

export interface SerialReaderStatus {
  scannerId: string;
  state: ScannerLinkState;
  /** when it entered this state */
  since: string;
  /** why it is disconnected, in the OS's words ("No such file or directory") */
  lastError: string | null;
  /** failed attempts to open since it was last connected */
  retries: number;
  nextRetryAt: string | null;
}

export interface RetryPolicy {
  /** first wait after a failure; doubles per failure up to maxMs */
  initialMs: number;
  maxMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { initialMs: 500, maxMs: 5_000 };

export interface SerialReaderOptions {
  scanner: { id: string; path: string; baudRate: number; prefix: string; suffix: string };
  binding?: SerialBinding;
  retry?: RetryPolicy;
  /** wall clock for the status timestamps */
  now?: () => number;
  onCode(code: string): void;
  onStatus?(status: SerialReaderStatus): void;
}

export interface SerialReader {
  status(): SerialReaderStatus;
  /** closes the port and stops retrying */
  stop(): Promise<void>;
}

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^Error:\s*/, '').slice(0, 300);
}

/**
 * Reads one serial barcode scanner: codes (split by the suffix, prefix stripped) go to `onCode`. When the port
 * cannot be opened or goes away (unplugged: the read fails and the port closes), the status turns
 * `disconnected` and it tries again with backoff until the device is back, then reports `connected`.
 */
export function startSerialReader(opts: SerialReaderOptions): SerialReader {
  const { scanner } = opts;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const now = opts.now ?? Date.now;
  const splitter = createCodeSplitter({ prefix: scanner.prefix, suffix: scanner.suffix });
  const binding = withHangupDetection(opts.binding ?? (SerialPort.binding as SerialBinding));
  let status: SerialReaderStatus = {
    scannerId: scanner.id,
    state: 'connecting',
    since: new Date(now()).toISOString(),
    lastError: null,
    retries: 0,
    nextRetryAt: null,
  };
  let port: SerialPort | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = retry.initialMs;
  let stopped = false;

  const report = (patch: Partial<SerialReaderStatus>) => {
    const changed = patch.state !== undefined && patch.state !== status.state;
    status = { ...status, ...patch, ...(changed ? { since: new Date(now()).toISOString() } : {}) };
    opts.onStatus?.({ ...status });
  };

  const scheduleRetry = (why: string) => {
    if (stopped) return;
    const wait = delay;
    delay = Math.min(delay * 2, retry.maxMs);
    report({ state: 'disconnected', lastError: why, retries: status.retries + 1, nextRetryAt: new Date(now() + wait).toISOString() });
    timer = setTimeout(() => {
      timer = null;
      open();
    }, wait);
  };

  /** The port we had is gone (unplugged, or a read/write failed): forget it and try again. */
  const lost = (p: SerialPort, why: string) => {
    if (port !== p || stopped) return;
    port = null;
    if (p.isOpen) p.close(() => {});
    scheduleRetry(why);
  };

  function open(): void {
    if (stopped) return;
    const options = { path: scanner.path, baudRate: scanner.baudRate, autoOpen: false, binding };
    const p = new SerialPort(options as PortOptions);
    // a dead port may still report errors; without a listener Node would crash the process
    p.on('error', (e: Error) => lost(p, reason(e)));
    p.on('close', (e?: Error | null) => lost(p, e ? reason(e) : 'The port was closed.'));
    p.on('data', (chunk: Buffer) => {
      if (port !== p || stopped) return;
      for (const code of splitter.push(chunk)) opts.onCode(code);
    });
    p.open((err) => {
      if (stopped) {
        if (!err) p.close(() => {});
        return;
      }
      if (err) { scheduleRetry(reason(err)); return; }
      port = p;
      delay = retry.initialMs;
      splitter.reset();
      report({ state: 'connected', lastError: null, retries: 0, nextRetryAt: null });
    });
  }

  report({});
  open();

  return {
    status: () => ({ ...status }),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const p = port;
      port = null;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
      report({ state: 'stopped', nextRetryAt: null });
    },
  };
}
