import { connect, type Socket } from 'node:net';
import { afterSending, failureFromSystemError, PrintFailure } from './failure';
import { DLE_EOT_PAPER, DLE_EOT_PRINTER, isOffline, isPaperOut, isStatusByte } from './status';
import type { PrintTransport } from './types';

export interface TcpOptions {
  /** an unreachable printer counts as offline after this long (default 5 s) */
  connectTimeoutMs?: number;
  /** no progress for this long while sending → "Printer not answering" (default 15 s) */
  ioTimeoutMs?: number;
  /** how long to wait for a DLE EOT answer before deciding the printer does not answer them (default 500 ms) */
  statusTimeoutMs?: number;
  /** ask DLE EOT before each job (ESC/POS printers); STAR line mode has no DLE EOT */
  queryStatus?: boolean;
}

/** One socket with its bytes received, first error and close, so each step can wait for what it needs. */
class Connection {
  private received: number[] = [];
  private failure: PrintFailure | null = null;
  private closed = false;
  private connected = false;
  private notify = new Set<() => void>();

  constructor(readonly socket: Socket) {
    const wake = () => {
      for (const n of [...this.notify]) n();
    };
    socket.on('connect', () => {
      this.connected = true;
      wake();
    });
    socket.on('data', (d: Buffer) => {
      this.received.push(...d);
      wake();
    });
    socket.on('finish', wake);
    socket.on('error', (e) => {
      this.failure ??= e instanceof PrintFailure ? e : failureFromSystemError(e);
      wake();
    });
    socket.on('close', () => {
      this.closed = true;
      wake();
    });
  }

  /** Resolves with check()'s first defined answer; rejects on a socket error; `onTimeout` decides at the deadline. */
  wait<T>(check: () => T | undefined, ms: number, onTimeout: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        this.notify.delete(step);
        fn();
      };
      const step = () => {
        const failure = this.failure;
        if (failure) { finish(() => reject(failure)); return; }
        const v = check();
        if (v !== undefined) { finish(() => resolve(v)); return; }
        if (this.closed) finish(() => reject(new PrintFailure('reset', { detail: 'the printer closed the connection' })));
      };
      const timer = setTimeout(() => {
        try {
          const v = onTimeout();
          finish(() => resolve(v));
        } catch (e) {
          finish(() => reject(e instanceof Error ? e : new PrintFailure('timeout', { cause: e })));
        }
      }, ms);
      this.notify.add(step);
      step();
    });
  }

  isConnected = () => (this.connected ? true : undefined);
  isClosed = () => (this.closed ? true : undefined);

  /** The next status-shaped byte after `from`, skipping anything else the printer sends. */
  statusByteAfter(from: number): number | undefined {
    for (let i = from; i < this.received.length; i++) {
      const b = this.received[i];
      if (b !== undefined && isStatusByte(b)) {
        this.received.splice(0, i + 1);
        return b;
      }
    }
    return undefined;
  }

  get error(): PrintFailure | null {
    return this.failure;
  }
}

/**
 * Raw ESC/POS over TCP (port 9100). One connection per job: connect, ask DLE EOT status when the printer
 * answers it (so paper-out is reported instead of silently buffered), write every byte, half-close and wait for
 * the printer to close its side. Reset, refusal and timeouts throw retryable PrintFailures.
 */
export function tcpTransport(target: { host: string; port: number }, opts: TcpOptions = {}): PrintTransport {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
  const ioTimeoutMs = opts.ioTimeoutMs ?? 15_000;
  const statusTimeoutMs = opts.statusTimeoutMs ?? 500;
  // remembered per transport: a printer that never answers DLE EOT is not asked again
  let answersStatus: boolean | null = opts.queryStatus === false ? false : null;

  async function ask(conn: Connection, query: Buffer): Promise<number | null> {
    conn.socket.write(query);
    return conn.wait(() => conn.statusByteAfter(0), statusTimeoutMs, () => null);
  }

  async function checkStatus(conn: Connection): Promise<void> {
    const printer = await ask(conn, DLE_EOT_PRINTER);
    if (printer === null) {
      answersStatus = answersStatus ?? false;
      return;
    }
    answersStatus = true;
    const paper = await ask(conn, DLE_EOT_PAPER);
    if (paper !== null && isPaperOut(paper)) throw new PrintFailure('paper_out');
    if (isOffline(printer)) throw new PrintFailure('not_ready');
  }

  async function writeAll(conn: Connection, bytes: Buffer): Promise<void> {
    const { socket } = conn;
    socket.setTimeout(ioTimeoutMs, () => socket.destroy(new PrintFailure('timeout')));
    socket.end(bytes);
    // the idle timeout above catches a stalled printer; this deadline only bounds a very slow trickle
    await conn.wait(() => (socket.writableFinished ? true : undefined), ioTimeoutMs * 4, () => {
      throw new PrintFailure('timeout');
    });
    socket.setTimeout(0);
    // Every byte is with the printer's TCP stack; a printer closes its side once it has read them. One that
    // keeps the socket open still got the job: re-sending it would print the receipt twice.
    await conn.wait(conn.isClosed, ioTimeoutMs, () => true);
    if (conn.error) throw conn.error;
  }

  return {
    async send(bytes) {
      const socket = connect({ host: target.host, port: target.port });
      socket.setNoDelay(true);
      const conn = new Connection(socket);
      try {
        await conn.wait(conn.isConnected, connectTimeoutMs, () => {
          throw new PrintFailure('offline');
        });
        if (answersStatus !== false) await checkStatus(conn);
      } catch (e) {
        socket.destroy();
        throw e;
      }
      try {
        await writeAll(conn, bytes);
      } catch (e) {
        // from the first byte on, the printer may have the job: a retry could print it (or kick the drawer) twice
        throw afterSending(e);
      } finally {
        socket.destroy();
      }
    },
  };
}
