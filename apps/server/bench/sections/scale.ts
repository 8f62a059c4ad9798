import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer, type ChildServer } from '../lib/child';
import { HAPROXY_INSTALL_HINT, haproxyVersion, startHaproxy, type LoadBalancer } from '../lib/haproxy';
import { summarize } from '../lib/latency';
import { loadTest, warmUp, type LoadResult } from '../lib/load';
import { createBenchDatabase } from '../lib/postgres';
import { checkJobs, checkLoginLimit, checkSessions } from '../lib/scale-checks';
import { startCounter, type BenchCounter } from '../lib/scale-counters';
import { placeOrder, pokeProbe, trackingProbe } from '../lib/scale-probes';
import { seedScale, type ScaleSeed } from '../lib/scale-seed';
import { mutate, ok, type Instance } from '../lib/trpc-http';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';
import { ensureStorefrontBuild } from '../web/build';

const INSTANCES: [Instance, Instance, Instance] = ['a', 'b', 'c'];
const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
const SEARCHES = ['sourdough', 'cheese', 'honey', 'bread', 'cake', 'jam', 'coffee', 'olive'];
/** the server's default LOGIN_RATE_LIMIT (failed sign-ins per email and address per window) */
const LOGIN_LIMIT = 10;

/** What visitors load: searches (tRPC, as the search page's client does), product pages and the home page (SSR). */
function browsePaths(seed: ScaleSeed): string[] {
  const searches = SEARCHES.map((q) => `/trpc/search.products?input=${encodeURIComponent(JSON.stringify({ q, limit: 24 }))}`);
  return [...searches, ...seed.productPaths.slice(0, 12), '/'];
}

async function throughput(ctx: BenchContext, lb: LoadBalancer, paths: string[], label: string): Promise<LoadResult> {
  const o = { baseUrl: `http://127.0.0.1:${lb.port}`, paths, connections: 10, headers: BROWSER_HEADERS };
  await warmUp(o, 3 * ctx.scale);
  ctx.log(`scale: browse + search through HAProxy, ${label}`);
  return loadTest({ ...o, durationSec: 10 * ctx.scale });
}

/** A shop's counter: pairing code and a cashier with a PIN, made by the owner through the load balancer. */
async function counterFor(lbUrl: string, seed: ScaleSeed, k: 0 | 1 | 2, sellEveryMs: number): Promise<BenchCounter> {
  const shop = seed.shops[k];
  const instance = INSTANCES[k];
  const owner = { bearer: shop.ownerToken };
  const pin = String(7100 + k);
  const cashier = ok(await mutate<{ id: string }>(lbUrl, 'staff.create', { role: 'cashier', name: `Till ${instance}`, pin }, owner), 'cashier');
  const { code } = ok(await mutate<{ code: string }>(lbUrl, 'devices.createPairingCode', { deviceName: `Counter on ${instance}` }, owner), 'pairing code');
  return startCounter({ lbUrl, instance, pairingCode: code, staffId: cashier.id, pin, variantId: shop.variantId, sellEveryMs });
}

/**
 * Customers checking out (pay at pickup) through the load balancer until `until`, at shops B and C only: A is the
 * quiet shop whose one order at a time must reach its counter while everyone else writes (the 7.6 s case).
 */
async function checkoutLoop(lbUrl: string, seed: ScaleSeed, until: number): Promise<{ placed: number; failed: number }> {
  let placed = 0;
  let failed = 0;
  for (let i = 0; performance.now() < until; i++) {
    try {
      await placeOrder(lbUrl, i % 2 === 0 ? seed.shops[1] : seed.shops[2]);
      placed++;
    } catch {
      failed++;
    }
  }
  return { placed, failed };
}

interface Mixed {
  browse: LoadResult;
  checkouts: { placed: number; failed: number }[];
  poke: { fromRequest: number; fromCommit: number }[];
  tracking: { fromRequest: number; fromCommit: number }[];
}

/**
 * Mixed traffic on three instances: visitors browsing and searching, two customers checking out without pause at
 * shops B and C, counters B and C selling every 500 ms; meanwhile probes place orders for the quiet shop A through B
 * (the counter on A must hear of them) and watch order tracking on one instance while another accepts the order.
 */
async function mixedTraffic(ctx: BenchContext, lbUrl: string, seed: ScaleSeed, paths: string[], counterA: BenchCounter): Promise<Mixed> {
  const seconds = 25 * ctx.scale;
  const until = performance.now() + seconds * 1000;
  const background = Promise.all([
    loadTest({ baseUrl: lbUrl, paths, connections: 6, durationSec: seconds, headers: BROWSER_HEADERS }),
    Promise.all([checkoutLoop(lbUrl, seed, until), checkoutLoop(lbUrl, seed, until)]),
  ]);
  const poke: Mixed['poke'] = [];
  const tracking: Mixed['tracking'] = [];
  for (let i = 0; performance.now() < until; i++) {
    poke.push(await pokeProbe(lbUrl, counterA, seed.shops[0], 'b'));
    // shops B and C: watched on their own instance, accepted through the next one
    const k = 1 + (i % 2);
    tracking.push(await trackingProbe(lbUrl, seed.shops[k] ?? seed.shops[1], INSTANCES[k] ?? 'b', INSTANCES[(k + 1) % 3] ?? 'c'));
    await new Promise((r) => setTimeout(r, 150));
  }
  const [browse, checkouts] = await background;
  return { browse, checkouts, poke, tracking };
}

async function run(ctx: BenchContext): Promise<SectionResult> {
  const haproxy = await haproxyVersion();
  if (!haproxy) throw new Error(HAPROXY_INSTALL_HINT);
  ensureStorefrontBuild(ctx.log);
  const bdb = await createBenchDatabase(ctx.postgres, 'bench_scale');
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-bench-scale-'));
  const mailLog = join(dataDir, 'mail.log');
  const servers: ChildServer[] = [];
  const counters: BenchCounter[] = [];
  let lb: LoadBalancer | null = null;
  try {
    ctx.log('scale: seeding 50 shops, 5,000 products and three counter shops');
    const seed = await seedScale(bdb.url);
    const env = { BENCH_APP_DATABASE_URL: bdb.url, BENCH_MAIL_LOG: mailLog, BENCH_APP_DATA_DIR: dataDir };
    for (let i = 0; i < 3; i++) servers.push(await startChildServer(new URL('../lib/scale-server.ts', import.meta.url), env));
    const [a, b, c] = servers.map((s) => s.port) as [number, number, number];
    const paths = browsePaths(seed);

    lb = await startHaproxy([a, a, a]);
    const one = await throughput(ctx, lb, paths, '1 instance');
    await lb.stop();
    lb = await startHaproxy([a, b, c]);
    const three = await throughput(ctx, lb, paths, '3 instances');
    const lbUrl = `http://127.0.0.1:${lb.port}`;

    ctx.log('scale: sessions and login limits across instances');
    const sessions = await checkSessions(lbUrl, seed.customer);
    const loginLimit = await checkLoginLimit(lbUrl, LOGIN_LIMIT);

    ctx.log('scale: pairing three counters (one per instance)');
    // A sells rarely so its pulls come from pokes; B and C sell every 500 ms, writing while orders arrive
    counters.push(await counterFor(lbUrl, seed, 0, 10_000), await counterFor(lbUrl, seed, 1, 500), await counterFor(lbUrl, seed, 2, 500));
    ctx.log('scale: mixed traffic (browse, search, checkouts, counters) with poke and tracking probes');
    const mixed = await mixedTraffic(ctx, lbUrl, seed, paths, counters[0] as BenchCounter);
    const counterResults = await Promise.all(counters.splice(0).map((x) => x.stop()));
    ctx.log('scale: waiting for the job queue to drain');
    const jobs = await checkJobs(bdb.url, mailLog);
    const poke = summarize(mixed.poke.map((p) => p.fromRequest));
    const pokeFromCommit = summarize(mixed.poke.map((p) => p.fromCommit));
    const tracking = summarize(mixed.tracking.map((t) => t.fromRequest));
    const trackingFromCommit = summarize(mixed.tracking.map((t) => t.fromCommit));
    const memory = await Promise.all(servers.map((s) => s.stats()));
    return {
      budgets: [
        budget('web order through B → counter on A, p95', poke.p95, 'ms', 'max', 1000),
        budget('order tracking across instances, p95', tracking.p95, 'ms', 'max', 1000),
        budget('jobs executed more than once', jobs.duplicateExecutions, 'jobs', 'max', 1),
        budget('jobs left queued or dead after the run', (jobs.jobs?.queued ?? 0) + (jobs.jobs?.failed ?? 0), 'jobs', 'max', 1),
        budget('failed sign-ins let through across 3 instances', loginLimit.allowed, 'attempts', 'max', LOGIN_LIMIT + 1),
        budget('session signed in on A, used on B and C, signed out on B', sessions.holds ? 1 : 0, 'ok', 'min', 1),
      ],
      metrics: {
        haproxy,
        config: 'deploy/haproxy.cfg',
        throughput: {
          oneInstance: one,
          threeInstances: three,
          ratio: round(three.rps / Math.max(1, one.rps), 2),
          note: 'same browse + search mix, 10 connections, through HAProxy; on a 2-core machine three instances share the same two cores with PostgreSQL',
        },
        mixed: { browse: mixed.browse, checkouts: mixed.checkouts, counters: counterResults },
        pokeMs: { fromCheckoutRequest: poke, fromCommit: pokeFromCommit },
        trackingMs: { fromAcceptRequest: tracking, fromCommit: trackingFromCommit },
        jobs,
        loginLimit,
        sessions,
        serverRssMB: memory.map((m) => round(m.peakRss / 2 ** 20, 1)),
      },
    };
  } finally {
    await Promise.all(counters.map((x) => x.stop().catch(() => undefined)));
    await lb?.stop();
    for (const s of servers) await s.stop();
    await bdb.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const section: BenchSection = { name: 'scale', order: 60, run };
