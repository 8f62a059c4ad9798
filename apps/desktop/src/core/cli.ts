import { parseCounterArgs, UsageError, USAGE } from './server/args';
import { startHeadlessCounter, type HeadlessCounter } from './server/headless';

/*
 * `pnpm counter --server URL --data DIR [--port P]`: the headless counter (core + sync + local API). The
 * browser-mode UI talks to the printed URL. SIGINT/SIGTERM stop sync and close SQLite before exiting.
 */

const SHUTDOWN_LIMIT_MS = 10_000;

const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

function onSignals(counter: HeadlessCounter): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      complain(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: stopping sync and closing the database…`);
    // a push stuck on a dead connection must not keep the process alive forever
    setTimeout(() => {
      complain('Shutdown took too long; exiting.');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    counter.shutdown().then(
      () => {
        say('Counter stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        complain(`Counter did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let args;
  try {
    // under `pnpm counter` the cwd is apps/desktop; a relative --data means relative to where pnpm was run
    args = parseCounterArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) complain(e.message);
    complain(USAGE);
    process.exit(e.message ? 2 : 0);
  }
  const counter = await startHeadlessCounter(args, complain);
  onSignals(counter);
  const d = counter.core.device.get();
  const status = counter.sync.status();
  // one write, so a reader that sees the URL also sees the pairing line
  say(
    [
      `Counter API on ${counter.url}/trpc (health: ${counter.url}/healthz)`,
      counter.servesUi ? `Counter UI on ${counter.url} (open it in a browser)` : 'Counter UI not built: run `pnpm --filter @makeries/desktop build:renderer` to serve it here.',
      `Data: ${args.dataDir}`,
      d.registerCode ? `Paired as register ${d.registerCode}; ${status.pending} change(s) waiting for the server.` : 'Not paired yet: pair it with a code from the back office.',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  complain(`The counter could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
