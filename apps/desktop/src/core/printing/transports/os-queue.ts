import { spawn } from 'node:child_process';
import { PrintFailure } from './failure';
import type { PrintTransport } from './types';

export interface OsQueueOptions {
  /** the CUPS client (default `lp`, looked up on PATH) */
  command?: string;
  /** environment for the client; its PATH decides where `lp` is found */
  env?: NodeJS.ProcessEnv;
  /** a spooler that does not take the job in this long is treated as not answering (default 30 s) */
  timeoutMs?: number;
}

/**
 * Hands raw bytes to the operating system's print queue: CUPS `lp -d <queue> -o raw`, job on stdin. The spooler
 * owns delivery from there, so "printed" here means "accepted by the queue". No `lp` → a permanent failure
 * with a clear message (staff install CUPS or pick another connection, then press retry).
 */
export function osQueueTransport(target: { queue: string }, opts: OsQueueOptions = {}): PrintTransport {
  const command = opts.command ?? 'lp';
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    send(bytes) {
      return new Promise<void>((resolve, reject) => {
        const child = spawn(command, ['-d', target.queue, '-o', 'raw'], {
          env: opts.env ?? process.env,
          stdio: ['pipe', 'ignore', 'pipe'],
        });
        let stderr = '';
        let settled = false;
        const settle = (e?: PrintFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (e) reject(e);
          else resolve();
        };
        const timer = setTimeout(() => {
          child.kill();
          // lp may have queued the job before it hung: printing it again could print (or kick) twice
          settle(new PrintFailure('timeout', { detail: 'the system print queue did not take the job', mayHaveSent: true }));
        }, timeoutMs);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString('utf8');
        });
        child.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') settle(new PrintFailure('unavailable', { cause: e }));
          else settle(new PrintFailure('refused', { detail: e.message, cause: e }));
        });
        child.on('close', (code) => {
          if (code === 0) { settle(); return; }
          const why = stderr.trim().split('\n')[0]?.replace(/^lp:\s*/, '') || `lp exited with code ${String(code)}`;
          settle(new PrintFailure('refused', { detail: why }));
        });
        // the job goes on stdin; EPIPE here means lp exited early, which 'close' reports with its reason
        child.stdin.on('error', () => {});
        child.stdin.end(bytes);
      });
    },
  };
}
