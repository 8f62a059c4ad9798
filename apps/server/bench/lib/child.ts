import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  port: number;
  pid: number;
  /** resident memory now and the peak seen by the child's sampler (bytes), and CPU time used so far (ms) */
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

interface ChildStats {
  rss: number;
  peakRss: number;
  cpuMs: number;
  /** V8 heap in use and reserved, and memory outside it (Buffers, WASM): where the RSS is */
  heapUsed: number;
  heapTotal: number;
  external: number;
}

type FromChild = { type: 'ready'; port: number } | ({ type: 'stats' } & ChildStats) | { type: 'error'; message: string };

const live = new Set<ChildProcess>();

/** Kills every child still running (used on errors and signals so no server outlives the bench). */
export function killChildren(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}

function waitFor<T extends FromChild['type']>(child: ChildProcess, type: T, ms: number): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`child did not send ${type} within ${ms} ms`)), ms);
    const onMessage = (m: FromChild) => {
      if (m.type === 'error') done(new Error(`child failed: ${m.message}`));
      else if (m.type === type) done(m as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`child exited (${code}) before ${type}`));
    function done(outcome: Error | Extract<FromChild, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Runs a server entry (TypeScript, through tsx) in its own process so load generation and measurement do not
 * share its event loop, and so its RSS is its own. The entry reports its port over IPC.
 */
export async function startChildServer(entry: URL, env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ChildServer> {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.add(child);
  try {
    const { port } = await waitFor(child, 'ready', readyTimeoutMs);
    return {
      port,
      pid: child.pid ?? 0,
      async stats() {
        const reply = waitFor(child, 'stats', 30_000);
        child.send({ type: 'stats' });
        const m = await reply;
        return { rss: m.rss, peakRss: m.peakRss, cpuMs: m.cpuMs, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
      },
      async stop() {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        live.delete(child);
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    live.delete(child);
    throw err;
  }
}
