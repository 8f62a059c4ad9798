import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import type { SyncController, SyncStatus } from '../sync/types';

/** `<data dir>/logs`: counter.log, then counter.log.1 … counter.log.N, oldest last. */
export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

const LOG_FILE = 'counter.log';

export interface CounterLogOptions {
  /** rotate when the file reaches this size (rotating-file-stream units: '5M') */
  size?: string;
  /** how many rotated files to keep beside the current one */
  keep?: number;
}

export interface CounterLog {
  info(source: string, message: string, details?: Record<string, unknown>): void;
  error(source: string, message: string, details?: Record<string, unknown>): void;
  /** written at once, for the last words of a process about to exit (the stream would lose them) */
  crash(source: string, message: string): void;
  /** flushes and closes the file */
  close(): Promise<void>;
}

/**
 * The counter's own log file (pino, one JSON line per event, rotated by rotating-file-stream), so a shop's
 * problem can be diagnosed after the fact: what the process said, sync going offline and back, printing and
 * scanner trouble, crashes. Settings › This counter zips the folder for support (logs-zip.ts).
 */
export function openCounterLog(dataDir: string, opts: CounterLogOptions = {}): CounterLog {
  const dir = logsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const stream = createStream(LOG_FILE, { path: dir, size: opts.size ?? '5M', rotate: opts.keep ?? 5 });
  // a disk that fills up must never take the till down with it
  stream.on('error', () => {});
  const logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    info: (source, message, details = {}) => logger.info({ source, ...details }, message),
    error: (source, message, details = {}) => logger.error({ source, ...details }, message),
    crash: (source, message) => {
      const line = JSON.stringify({ level: 60, time: new Date().toISOString(), pid: process.pid, source, msg: message });
      try {
        appendFileSync(join(dir, LOG_FILE), `${line}\n`);
      } catch {
        // nothing more can be done on the way out
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        stream.end(() => resolve());
      }),
  };
}

function connectionLine(s: SyncStatus): string {
  return s.connection === 'offline' && s.lastError ? `offline: ${s.lastError}` : s.connection;
}

/**
 * Logs each change of the marketplace connection (online, offline with the reason) and of the rejected count,
 * not every status tick. Returns the unsubscribe.
 */
export function logSyncChanges(log: CounterLog, sync: SyncController): () => void {
  let last = '';
  let rejected = sync.status().rejected;
  return sync.onChange((s) => {
    const line = connectionLine(s);
    if (line !== last) {
      last = line;
      log.info('sync', `marketplace ${line}`, { pending: s.pending });
    }
    if (s.rejected > rejected) log.error('sync', `${s.rejected - rejected} change(s) refused by the marketplace`, { rejected: s.rejected });
    rejected = s.rejected;
  });
}
