import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);
/** The production config (deploy/haproxy.cfg); the bench fills in its addresses through the environment. */
const CONFIG = fileURLToPath(new URL('../../../../deploy/haproxy.cfg', import.meta.url));
export const HAPROXY_INSTALL_HINT = 'HAProxy is not installed: `apt-get install -y haproxy` (Debian package), then run the bench again';

export interface LoadBalancer {
  port: number;
  stop(): Promise<void>;
}

/** HAProxy's version line, or null when the binary is missing (`pnpm bench` and the `scale` section check it). */
export async function haproxyVersion(): Promise<string | null> {
  try {
    const { stdout, stderr } = await run('haproxy', ['-v']);
    return (stdout || stderr).split('\n')[0]?.trim() ?? 'haproxy';
  } catch {
    return null;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/**
 * HAProxy in the foreground (`-db`) with deploy/haproxy.cfg, balancing over `instances` (three ports; repeat one to
 * run fewer). Stopped with SIGTERM (or SIGKILL when the bench is interrupted: see killLoadBalancers).
 */
export async function startHaproxy(instances: [number, number, number]): Promise<LoadBalancer> {
  const port = await freePort();
  const env = {
    ...process.env,
    MAKERIES_LB_BIND: `127.0.0.1:${port}`,
    MAKERIES_INSTANCE_A: `127.0.0.1:${instances[0]}`,
    MAKERIES_INSTANCE_B: `127.0.0.1:${instances[1]}`,
    MAKERIES_INSTANCE_C: `127.0.0.1:${instances[2]}`,
  };
  await run('haproxy', ['-c', '-q', '-f', CONFIG], { env });
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', CONFIG], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  // the health checks mark instances up after their first check; give them that moment
  await new Promise((r) => setTimeout(r, 300));
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      live.delete(child);
    },
  };
}

const live = new Set<ChildProcess>();

export function killLoadBalancers(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}
