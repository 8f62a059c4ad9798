import { startHeadlessCounter } from '../src/core/server/headless';

/*
 * The headless counter in its own process for the browser tests, as `pnpm counter` runs it: Playwright's
 * keystrokes then never wait behind the counter's SQLite writes in a shared event loop.
 * argv[2]: JSON { serverUrl, dataDir, uiDir }. Prints one JSON line { url, servesUi } when it is listening.
 */
const { serverUrl, dataDir, uiDir } = JSON.parse(process.argv[2] ?? '{}') as { serverUrl: string; dataDir: string; uiDir: string };
const counter = await startHeadlessCounter({ serverUrl, dataDir, port: 0 }, (line) => process.stderr.write(`${line}\n`), { uiDir });
process.stdout.write(`${JSON.stringify({ url: counter.url, servesUi: counter.servesUi })}\n`);
const stop = () => {
  void counter.shutdown().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
