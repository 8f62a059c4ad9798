import { openDatabase, type DatabaseTarget, type Tx } from '../../db/client';
import { loadEnv } from '../../env';
import { createJobRuntime } from '../../jobs/runtime';
import { registerBridgeJobs } from './jobs';
import { readStream } from './sync-state';

/**
 * A server instance for the kill -9 tests (bridge-kill-harness.ts), run as its own process and ended with `kill -9`:
 * it opens the shared database, runs the real job runtime with the bridge jobs against the POS fake the parent runs
 * (its URL is in the environment), and prints the import stream (`import <phase> <done>`) after every commit, so the
 * parent can kill it at a chosen point even on a PGlite data directory it cannot open while this process holds it.
 * Not a test file.
 */
export interface KillChildArgs {
  target: DatabaseTarget;
  /** the whole environment (the same as the parent's: the POS tokens are sealed with a key derived from it) */
  env: Record<string, string>;
  connectionId: string;
  /** added to the wall clock: leases a killed instance left behind have run out for this one */
  skewMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as KillChildArgs;
const database = await openDatabase(args.target);
const env = loadEnv(args.env);
const now = () => new Date(Date.now() + args.skewMs);
// The import stream after every commit. (A timer would not do: PGlite runs a whole chain of queries in WASM
// without yielding to the event loop's timers, so a timer-driven report would come only after the job ended.)
let last = '';
const transaction = database.db.transaction.bind(database.db);
database.db.transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
  const result = await transaction(fn);
  const state = await readStream(database.db, args.connectionId, 'import');
  const line = `import ${state?.phase ?? 'none'} ${String(state?.done ?? 0)}`;
  if (line !== last) process.stdout.write(`${line}\n`);
  last = line;
  return result;
};
const runtime = createJobRuntime(database.db, { now });
registerBridgeJobs(runtime, database.db, env, { now });
process.stdout.write('ready\n');
runtime.start({ pollMs: 50 });
