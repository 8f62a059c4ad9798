import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrashChildArgs } from './crash-child';

/**
 * Runs crash-child.ts as a separate process and `kill -9`s it at a chosen moment. The parent only learns
 * what the child printed, so a sale counts as "completed" only once its line came out (after its commit).
 */
export const CRASH_CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const DESKTOP_DIR = fileURLToPath(new URL('../../../', import.meta.url));

export type KillPoint =
  | { kind: 'startup'; afterMs: number }
  | { kind: 'sale'; nth: number; afterMs: number }
  | { kind: 'push sent' | 'push answered' | 'pull sent' | 'pull answered'; afterMs: number };

export interface CrashRun {
  /** sale numbers and quantities the child reported as committed */
  sales: { number: string; quantity: number }[];
  /** whether the kill point was reached (otherwise the child was killed on the safety timeout) */
  triggered: boolean;
  /** what the child printed on stderr (empty unless it failed on its own) */
  stderr: string;
  /** how the child ended: 'SIGKILL' unless it died by itself */
  ended: string;
}

/** Longest we wait for a kill point before killing anyway (e.g. no pull came because the server was busy). */
const SAFETY_MS = 5_000;

function matches(point: KillPoint, line: string, salesSoFar: number): boolean {
  if (point.kind === 'startup') return line === 'ready';
  if (point.kind === 'sale') return line.startsWith('sale ') && salesSoFar >= point.nth;
  return line === point.kind;
}

/** `childFile`: crash-child.ts bundled to plain JavaScript (test/bundle-child.ts), started with node alone. */
export function runAndKill(childFile: string, args: CrashChildArgs, point: KillPoint): Promise<CrashRun> {
  const child = spawn(process.execPath, [childFile, JSON.stringify(args)], {
    cwd: DESKTOP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: CrashRun = { sales: [], triggered: false, stderr: '', ended: '' };
  let buffer = '';
  let armed = false;
  const kill = (): void => {
    if (armed) return;
    armed = true;
    clearTimeout(safety);
    const fire = () => child.kill('SIGKILL');
    if (point.afterMs > 0) setTimeout(fire, point.afterMs);
    else fire();
  };
  const safety = setTimeout(() => kill(), SAFETY_MS);
  child.stdout.on('data', (b: Buffer) => {
    buffer += b.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^sale (\S+) (\d+)$/.exec(line);
      if (m?.[1] && m[2]) run.sales.push({ number: m[1], quantity: Number(m[2]) });
      if (!armed && matches(point, line, run.sales.length)) {
        run.triggered = true;
        kill();
      }
    }
  });
  child.stderr.on('data', (b: Buffer) => {
    run.stderr = (run.stderr + b.toString()).slice(-4000);
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(safety);
      // a line the child wrote just before dying still counts: it was printed after the commit
      const m = /^sale (\S+) (\d+)$/.exec(buffer);
      if (m?.[1] && m[2]) run.sales.push({ number: m[1], quantity: Number(m[2]) });
      run.ended = signal ?? `exit ${code}`;
      resolve(run);
    });
  });
}
