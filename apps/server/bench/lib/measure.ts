import type { ChildServer } from './child';
import { startChildServer } from './child';
import { loadTest, warmUp, type LoadOptions, type LoadResult } from './load';
import { round, type BenchContext } from './types';

export interface CpuLoadResult extends LoadResult {
  /** CPU per successful request: the server process, and Postgres when the bench owns the cluster */
  cpuMsPerRequest: { server: number; postgres: number | null };
}

/** A load run plus the CPU it cost per successful request. */
export async function loadWithCpu(ctx: BenchContext, app: ChildServer, opts: LoadOptions): Promise<CpuLoadResult> {
  const s0 = await app.stats();
  const p0 = ctx.postgres.cpuMs();
  const result = await loadTest(opts);
  const s1 = await app.stats();
  const p1 = ctx.postgres.cpuMs();
  const per = (ms: number) => round(ms / Math.max(1, result.ok), 3);
  return {
    ...result,
    cpuMsPerRequest: { server: per(s1.cpuMs - s0.cpuMs), postgres: p0 === null || p1 === null ? null : per(p1 - p0) },
  };
}

/** The engine baseline for HTTP: a bare node:http handler in its own process, loaded like the app. */
export async function measureBareHttp(ctx: BenchContext, connections: number): Promise<LoadResult> {
  const bare = await startChildServer(new URL('./bare-http-server.ts', import.meta.url), {});
  try {
    const opts = { baseUrl: `http://127.0.0.1:${bare.port}`, paths: ['/'], connections };
    await warmUp(opts, 2 * ctx.scale);
    ctx.log('bare node:http baseline: loading');
    return await loadTest({ ...opts, durationSec: 6 * ctx.scale });
  } finally {
    await bare.stop();
  }
}
