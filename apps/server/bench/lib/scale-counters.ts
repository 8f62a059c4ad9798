import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Instance } from './trpc-http';

/** The counter app's own core and sync client, run by apps/desktop/bench/scale-counter.ts in a child process. */
const ENTRY = fileURLToPath(new URL('../../../desktop/bench/scale-counter.ts', import.meta.url));
const DESKTOP_DIR = fileURLToPath(new URL('../../../desktop/', import.meta.url));

type FromCounter =
  | { type: 'ready' }
  | { type: 'seen'; orderId: string; trail?: string[] }
  | { type: 'error'; message: string }
  | { type: 'stopped'; sales: number; failures: number; status: { pending?: number; connection?: string } };

export interface BenchCounter {
  instance: Instance;
  /** resolves with the time (performance.now() of this process) the order showed up in the counter's mirror */
  watch(orderId: string): Promise<number>;
  stop(): Promise<{ sales: number; failures: number; pending: number | null }>;
}

const live = new Set<ChildProcess>();

export function killCounters(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}

export interface CounterSpec {
  lbUrl: string;
  instance: Instance;
  pairingCode: string;
  staffId: string;
  pin: string;
  variantId: string;
  sellEveryMs: number;
}

export async function startCounter(spec: CounterSpec): Promise<BenchCounter> {
  const child = fork(ENTRY, [], {
    cwd: DESKTOP_DIR,
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: {
      ...process.env,
      COUNTER_SERVER_URL: spec.lbUrl,
      COUNTER_INSTANCE: spec.instance,
      COUNTER_PAIRING_CODE: spec.pairingCode,
      COUNTER_STAFF_ID: spec.staffId,
      COUNTER_PIN: spec.pin,
      COUNTER_VARIANT_ID: spec.variantId,
      COUNTER_SELL_EVERY_MS: String(spec.sellEveryMs),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.add(child);
  const waiting = new Map<string, (at: number) => void>();
  let stopped: ((m: Extract<FromCounter, { type: 'stopped' }>) => void) | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`counter on ${spec.instance} not ready within 60 s`)), 60_000);
    child.on('message', (m: FromCounter) => {
      if (m.type === 'ready') { clearTimeout(timer); resolve(); }
      else if (m.type === 'error') { clearTimeout(timer); reject(new Error(`counter on ${spec.instance}: ${m.message}`)); }
      else if (m.type === 'seen') {
        const at = performance.now();
        if (process.env.BENCH_SCALE_TRAIL) process.stderr.write(`[counter ${spec.instance}] ${m.orderId}\n  ${(m.trail ?? []).join('\n  ')}\n`);
        waiting.get(m.orderId)?.(at);
        waiting.delete(m.orderId);
      } else stopped?.(m);
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`counter on ${spec.instance} exited (${code})`)); });
  });
  try {
    await ready;
  } catch (err) {
    child.kill('SIGKILL');
    live.delete(child);
    throw err;
  }
  return {
    instance: spec.instance,
    watch(orderId) {
      return new Promise((resolve) => {
        waiting.set(orderId, resolve);
        child.send({ type: 'watch', orderId });
      });
    },
    async stop() {
      const result = new Promise<Extract<FromCounter, { type: 'stopped' }>>((resolve) => (stopped = resolve));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const m = await Promise.race([result, exited.then(() => null)]);
      await exited;
      clearTimeout(timer);
      live.delete(child);
      return { sales: m?.sales ?? 0, failures: m?.failures ?? 0, pending: m?.status.pending ?? null };
    },
  };
}
