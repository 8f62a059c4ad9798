import { AppError } from '@makeries/shared';
import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import type { Database } from '../db/client';
import { openDatabase, targetFromUrl } from '../db/client';
import { runMigrations } from '../db/migrate';
import { loadEnv, type Env } from '../env';
import { OperatorUsageError } from './operator-args';
import type { CliIo } from './operator-cli';

/** Asks without echoing what is typed (a password); only on a terminal. */
async function promptHidden(question: string): Promise<string> {
  process.stdout.write(question);
  let muted = true;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await rl.question('');
  } finally {
    muted = false;
    rl.close();
    process.stdout.write('\n');
  }
}

export const terminalIo: CliIo = {
  print: (line) => console.log(line),
  ...(process.stdin.isTTY ? { promptHidden } : {}),
};

/**
 * Runs one operator command against DATABASE_URL (like the other ops scripts): a usage mistake prints what was
 * wrong and the usage, a refused change its message; both exit 1 with nothing written.
 */
export function runOperatorCommand<A>(usage: string, parse: (argv: readonly string[]) => A, command: (database: Database, env: Env, args: A) => Promise<void>): void {
  const main = async () => {
    // the command line first: a mistake there opens no database
    const args = parse(process.argv.slice(2));
    const env = loadEnv();
    const database = await openDatabase(targetFromUrl(env.DATABASE_URL, env.serverDataDir));
    try {
      await runMigrations(database);
      await command(database, env, args);
    } finally {
      await database.close();
    }
  };
  main().catch((err: unknown) => {
    if (err instanceof OperatorUsageError) console.error(`${err.message}\n\n${usage}`);
    else if (err instanceof AppError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  });
}
