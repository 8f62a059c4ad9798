import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore, type CounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import { counterOrders, createServerShop, eventually, onHandOnServer, type ServerShop } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import type { CrashChildArgs } from './crash-child';
import { bundleChild } from '../test/bundle-child';
import { CRASH_CHILD, runAndKill, type CrashRun, type KillPoint } from './crash-harness';

/*
 * DESIGN §8 "kill -9 during sale/push/pull": a counter process sells in a loop against the real server and is
 * killed at a random moment, CRASH_ITERATIONS times (default 200), restarted on the same data dir each time;
 * then it drains. Replay a failure with CRASH_SEED=<the printed seed>; CRASH_DEBUG=1 prints every kill point.
 */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 200);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OPENING_STOCK = 1_000_000;

let server: ServerProcess;
let shop: ServerShop;
let dataDir: string;
let childFile: string;

beforeAll(async () => {
  childFile = await bundleChild(CRASH_CHILD);
  server = await startServerProcess();
  shop = await createServerShop(server.url, 'Crash');
  await shop.owner.inventory.receive.mutate({ variantId: shop.bun.id, quantity: OPENING_STOCK, note: 'Plenty to sell' });
  dataDir = mkdtempSync(join(tmpdir(), 'counter-crash-'));
  const core = createCounterCore({ dataDir });
  const sync = createSyncClient({ core, serverUrl: server.url });
  await sync.pair(await shop.pairingCode());
  await sync.stop();
  core.close();
});

afterAll(async () => {
  await server?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const SYNC_POINTS = ['push sent', 'push answered', 'pull sent', 'pull answered'] as const;

/** Half the kills land exactly on the event, half a few ms later (e.g. after the server committed a push). */
function pickKillPoint(rand: () => number, burst: number): KillPoint {
  const afterMs = rand() < 0.5 ? 0 : Math.floor(rand() * 25);
  const r = rand();
  if (r < 0.1) return { kind: 'startup', afterMs: Math.floor(rand() * 40) };
  if (r < 0.45) return { kind: 'sale', nth: 1 + Math.floor(rand() * burst), afterMs };
  const kind = SYNC_POINTS[Math.floor(rand() * SYNC_POINTS.length)] ?? 'push sent';
  return { kind, afterMs };
}

interface LocalSale {
  number: string;
  quantity: number;
}

function localSales(core: CounterCore): LocalSale[] {
  return core.ctx.sqlite
    .prepare('SELECT s.number AS number, SUM(l.quantity) AS quantity FROM sales s JOIN sale_lines l ON l.sale_id = s.id GROUP BY s.id')
    .all() as LocalSale[];
}

function mutationIds(core: CounterCore): number[] {
  return (core.ctx.sqlite.prepare('SELECT mutation_id AS m FROM outbox ORDER BY mutation_id').all() as { m: number }[]).map((r) => r.m);
}

describe('kill -9 during sale, push and pull', () => {
  it(`every reported sale reaches the server exactly once after ${ITERATIONS} kills`, async () => {
    console.log(`crash test: seed=${SEED} iterations=${ITERATIONS} (replay with CRASH_SEED=${SEED})`);
    const rand = mulberry32(SEED);
    const reported = new Map<string, number>();
    const runs: { point: KillPoint; run: CrashRun }[] = [];
    const started = Date.now();
    for (let i = 0; i < ITERATIONS; i++) {
      const burst = 1 + Math.floor(rand() * 6);
      const args: CrashChildArgs = {
        burst,
        dataDir,
        serverUrl: server.url,
        variantId: shop.bun.id,
        staffId: shop.cashier.id,
        pin: shop.cashier.pin,
        seed: Math.floor(rand() * 2 ** 31),
      };
      const point = pickKillPoint(rand, burst);
      const run = await runAndKill(childFile, args, point);
      runs.push({ point, run });
      // a child that died by itself (not our kill) is a bug: show what it said
      expect(run.ended, `iteration ${i} (${JSON.stringify(point)}): ${run.stderr}`).toBe('SIGKILL');
      for (const s of run.sales) {
        expect(reported.has(s.number), `sale number ${s.number} was reported twice`).toBe(false);
        reported.set(s.number, s.quantity);
      }
    }
    const triggered = runs.filter((r) => r.run.triggered).length;
    if (process.env.CRASH_DEBUG) for (const r of runs) console.log(JSON.stringify(r.point), r.run.triggered, r.run.sales.length, r.run.stderr);
    console.log(`crash test: ${ITERATIONS} kills in ${Math.round((Date.now() - started) / 1000)} s; ${triggered} at their chosen point, ${reported.size} sales reported`);

    // the last crash is followed by a clean start that drains the outbox
    const core = createCounterCore({ dataDir });
    const sync = createSyncClient({ core, serverUrl: server.url });
    try {
      await eventually(
        'the outbox drained',
        async () => {
          await sync.syncNow();
          const st = sync.status();
          if (st.pending !== 0) throw new Error(`${st.pending} pending; last error: ${st.lastError}`);
        },
        sync,
        60_000,
      );
      expect(sync.status().rejected).toBe(0);
      const local = localSales(core);
      // every sale the child announced was committed locally (the announcement comes after the commit)
      const localByNumber = new Map(local.map((s) => [s.number, s.quantity]));
      for (const [number, quantity] of reported) expect(localByNumber.get(number), `reported sale ${number}`).toBe(quantity);

      const orders = await counterOrders(shop);
      const serverNumbers = orders.map((o) => o.number).sort();
      expect(new Set(serverNumbers).size, 'an order reached the server twice').toBe(serverNumbers.length);
      expect(serverNumbers).toEqual(local.map((s) => s.number).sort());

      const sold = local.reduce((n, s) => n + s.quantity, 0);
      expect(await onHandOnServer(shop, shop.bun.id)).toBe(50 + OPENING_STOCK - sold);

      const ids = mutationIds(core);
      expect(ids).toEqual(ids.map((_, i) => i + 1));
      expect(core.outbox.stats()).toMatchObject({ pending: 0, rejected: 0 });
    } finally {
      await sync.stop();
      core.close();
    }
  }, 30 * 60_000);
});
