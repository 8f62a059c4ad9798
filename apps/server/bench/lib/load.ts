import autocannon from 'autocannon';
import { summarize, type LatencySummary } from './latency';
import { round } from './types';

export interface LoadResult extends LatencySummary {
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  connections: number;
  durationSec: number;
}

export interface LoadOptions {
  baseUrl: string;
  /** request paths, cycled by every connection */
  paths: string[];
  connections: number;
  durationSec: number;
  /** sent with every request, e.g. the accept-encoding a browser sends */
  headers?: Record<string, string>;
  /** answers counted as served besides 2xx (304 for revalidation runs) */
  alsoOk?: number[];
}

/**
 * Closed-loop load with autocannon. Latencies come from each response (2xx only) so percentiles are exact,
 * not autocannon's histogram buckets (which have no p95).
 */
export async function loadTest(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({
    url: o.baseUrl,
    connections: o.connections,
    duration: o.durationSec,
    timeout: 10,
    ...(o.headers ? { headers: o.headers } : {}),
    requests: o.paths.map((path) => ({ method: 'GET', path })),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if ((status >= 200 && status < 300) || o.alsoOk?.includes(status)) latencies.push(ms);
    else non2xx++;
  });
  const result = await instance;
  const duration = result.duration || o.durationSec;
  return {
    ...summarize(latencies),
    rps: round(latencies.length / duration, 1),
    ok: latencies.length,
    non2xx,
    errors: result.errors,
    connections: o.connections,
    durationSec: round(duration, 1),
  };
}

/** A short discarded run so JIT, plan caches and Postgres buffers are warm before measuring. */
export async function warmUp(o: Omit<LoadOptions, 'durationSec'>, seconds = 2): Promise<void> {
  await loadTest({ ...o, durationSec: seconds });
}
