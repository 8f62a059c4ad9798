/**
 * Counter-core benchmarks (DESIGN §9), printed as JSON. Run: `npx tsx bench/core.ts` (BENCH_PRODUCTS changes the
 * catalog size). Real SQLite files in a temp dir with WAL + synchronous=FULL (scanned cart lines NORMAL, as in the app). The
 * workload runs in a fresh child process on the bootstrapped file, so its RSS is the counter's, not the
 * generator's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { uuidv7, type Change } from '@makeries/shared';
import { createCounterCore } from '../src/core/index';
import { generateCatalog, generatedBarcode, generatedName, generatedSku } from '../src/core/test/generate-catalog';
import { PINS, seedShop } from '../src/core/test/fixtures';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50_000);

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0).toFixed(3));
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The engine alone: one-row transactions (fsync each) and an indexed point lookup, same pragmas. */
function rawBaselines(dir: string): { insertFsync: Stats; indexedLookup: Stats } {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, code TEXT, price INTEGER); CREATE INDEX t_code ON t(code);');
  const ins = db.prepare('INSERT INTO t (id, code, price) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < PRODUCTS; i++) ins.run(uuidv7(), generatedBarcode(i), i);
  })();
  const insert: number[] = [];
  for (let i = 0; i < 1000; i++) insert.push(time(() => ins.run(uuidv7(), `x${i}`, i)));
  const get = db.prepare('SELECT * FROM t WHERE code = ?');
  const lookup: number[] = [];
  for (let i = 0; i < 5000; i++) lookup.push(time(() => get.get(generatedBarcode((i * 7919) % PRODUCTS))));
  db.close();
  return { insertFsync: stats(insert), indexedLookup: stats(lookup) };
}

/** What staff type: first letters, a word and a half, SKU and barcode starts. */
function searchText(i: number): string {
  const [adj = '', noun = ''] = generatedName(i).split(' ');
  const texts = [adj.slice(0, 1), adj.slice(0, 3), `${adj} ${noun.slice(0, 2)}`, noun.slice(0, 4), generatedSku(i).slice(0, 8), generatedBarcode(i).slice(0, 7), `${noun} ${adj.slice(0, 3)}`];
  return texts[i % texts.length] ?? adj;
}

/** Builds the counter database: the fixture shop plus the generated catalog, bootstrapped page by page. */
async function prepare(dir: string): Promise<number> {
  const core = createCounterCore({ dataDir: dir });
  const shop = await seedShop(core);
  let changes: Change[] | null = generateCatalog(PRODUCTS, shop.vendorId).changes;
  const ms = time(() => {
    core.mirror.beginBootstrap();
    for (let i = 0; i < (changes?.length ?? 0); i += 1000) core.mirror.stageBootstrap(changes?.slice(i, i + 1000) ?? []);
    core.mirror.commitBootstrap({ cursor: '1', epoch: 'bench' });
  });
  changes = null;
  // the swap replaced the fixture shop; put its vendor, staff and tax rates back on top
  await seedShop(core);
  core.close();
  return ms;
}

async function workload(dir: string): Promise<void> {
  const core = createCounterCore({ dataDir: dir });
  const cashier = core.staff.list().find((s) => s.name === 'Cas Cashier');
  await core.staff.login({ staffId: cashier?.id ?? '', pin: PINS.cashier });
  core.shifts.open({ floatCents: 10_000 });
  const scan: number[] = [];
  const complete: number[] = [];
  for (let sale = 0; sale < 600; sale++) {
    for (let j = 0; j < 5; j++) {
      const code = generatedBarcode((sale * 104_729 + j * 7_919) % PRODUCTS);
      // 2% of the generated catalog is at 0: the bench cashier answers "sell anyway", so the stock check still runs
      scan.push(time(() => core.cart.addScan({ code, sellAnyway: true })));
    }
    complete.push(time(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1_000_000 }] })));
  }
  const search: number[] = [];
  let empty = 0;
  for (let i = 0; i < 2000; i++) {
    const text = searchText((i * 7_919) % PRODUCTS);
    search.push(time(() => {
      if (core.catalog.search({ text, limit: 20 }).length === 0) empty++;
    }));
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  core.close();
  console.log(JSON.stringify({ scan: stats(scan), complete: stats(complete), search: stats(search), empty, rssMb }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  try {
    const raw = rawBaselines(dir);
    const bootstrapMs = await prepare(join(dir, 'counter'));
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--workload', join(dir, 'counter')], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`workload failed: ${child.stderr}`);
    const w = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { scan: Stats; complete: Stats; search: Stats; empty: number; rssMb: number };
    const ratio = (a: number, b: number) => Number((a / b).toFixed(1));
    const result = {
      products: PRODUCTS,
      unit: 'ms',
      bootstrap: { ms: Math.round(bootstrapMs), budgetMs: 20_000 },
      // a scan is a lookup plus a durable cart write, so both baselines are shown
      scanToCartLine: {
        ...w.scan,
        budgetP99: 5,
        ratioToRawLookupP99: ratio(w.scan.p99, raw.indexedLookup.p99),
        ratioToRawInsertP99: ratio(w.scan.p99, raw.insertFsync.p99),
      },
      ftsSearch: { ...w.search, budgetP99: 10, emptyResults: w.empty, ratioToRawLookupP99: ratio(w.search.p99, raw.indexedLookup.p99) },
      completeSale: { ...w.complete, linesPerSale: 5, budgetP99: 25, ratioToRawInsertP99: ratio(w.complete.p99, raw.insertFsync.p99) },
      raw,
      counterRssMb: { value: w.rssMb, budget: 300 },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--workload');
if (at >= 0) await workload(process.argv[at + 1] ?? '');
else await main();
