import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { killChildren } from './lib/child';
import { killLoadBalancers } from './lib/haproxy';
import { killCounters } from './lib/scale-counters';
import { acquirePostgres, serverVersion, type PostgresServer } from './lib/postgres';
import type { BenchContext, BenchSection, SectionResult } from './lib/types';

/**
 * `pnpm bench`: runs every section in bench/sections/ (or only those named by --only a,b / BENCH_ONLY) against
 * one PostgreSQL server, then prints a JSON summary to stdout and writes it to .bench/latest.json.
 * Progress goes to stderr. BENCH_SCALE (default 1) scales load durations for quick runs. Exit code 1 when a
 * section fails to run, or (with BENCH_STRICT=1) when a budget is missed; budget flags are always in the JSON.
 */
const SECTIONS_DIR = new URL('./sections/', import.meta.url);
const OUT_DIR = fileURLToPath(new URL('../.bench/', import.meta.url));

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

async function discoverSections(only: string[] | null): Promise<BenchSection[]> {
  const files = readdirSync(SECTIONS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  const sections: BenchSection[] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, SECTIONS_DIR).href)) as { section?: BenchSection };
    if (!mod.section) throw new Error(`bench/sections/${f} must export \`section\``);
    if (!only || only.includes(mod.section.name)) sections.push(mod.section);
  }
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

function parseOnly(): string[] | null {
  const i = process.argv.indexOf('--only');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.BENCH_ONLY;
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
}

type Outcome = SectionResult & { seconds: number; pass: boolean } | { error: string; seconds: number; pass: false };

async function runSections(ctx: BenchContext, sections: BenchSection[]): Promise<Record<string, Outcome>> {
  const out: Record<string, Outcome> = {};
  for (const s of sections) {
    const t0 = Date.now();
    log(`section ${s.name}: start`);
    try {
      const r = await s.run(ctx);
      out[s.name] = { ...r, seconds: (Date.now() - t0) / 1000, pass: r.budgets.every((b) => b.pass) };
    } catch (err) {
      log(`section ${s.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      out[s.name] = { error: err instanceof Error ? err.message : String(err), seconds: (Date.now() - t0) / 1000, pass: false };
    }
    log(`section ${s.name}: done in ${out[s.name]?.seconds.toFixed(1)} s`);
  }
  return out;
}

async function main(): Promise<number> {
  const started = new Date();
  // other work on the machine skews every figure; the 1-minute load average before and after says how much
  const loadBefore = loadavg()[0] ?? 0;
  const sections = await discoverSections(parseOnly());
  let postgres: PostgresServer | null = null;
  let interrupted = false;
  const cleanup = async () => {
    killChildren();
    killCounters();
    killLoadBalancers();
    await postgres?.stop();
    postgres = null;
  };
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted = true;
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    postgres = await acquirePostgres(log);
    const ctx: BenchContext = { postgres, log, scale: Number(process.env.BENCH_SCALE ?? '1') || 1 };
    const version = await serverVersion(postgres.adminUrl);
    const results = await runSections(ctx, sections);
    // an interrupted run has no meaningful figures: leave the previous latest.json alone
    if (interrupted) return 130;
    const summary = {
      startedAt: started.toISOString(),
      seconds: (Date.now() - started.getTime()) / 1000,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryMB: Math.round(totalmem() / 2 ** 20),
        node: process.version,
        loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) },
      },
      postgres: { version, origin: postgres.origin },
      pass: Object.values(results).every((r) => r.pass),
      sections: results,
    };
    const json = JSON.stringify(summary, null, 2);
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(`${OUT_DIR}latest.json`, `${json}\n`);
    process.stdout.write(`${json}\n`);
    const crashed = Object.values(results).some((r) => 'error' in r);
    return crashed || (process.env.BENCH_STRICT === '1' && !summary.pass) ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(2);
  },
);
