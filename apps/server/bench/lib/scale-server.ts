import { appendFile } from 'node:fs/promises';
import { openDatabase } from '../../src/db/client';
import { loadEnv } from '../../src/env';
import { buildApp } from '../../src/http/app';
import { createServerJobs } from '../../src/jobs/server-jobs';
import type { MailTransport } from '../../src/services/email/transport';
import { failChild, serveChild } from './child-runtime';
import { BENCH_PUBLIC_URL } from './trpc-http';

/**
 * One of several instances for the `scale` section: the real server as main.ts runs it — HTTP app plus its job
 * runtime — on BENCH_APP_DATABASE_URL behind the load balancer (TRUST_PROXY=127.0.0.1). Mail is "sent" by
 * appending the message id and this process id to BENCH_MAIL_LOG, so the bench can count how often each job ran.
 */
async function main(): Promise<void> {
  const url = process.env.BENCH_APP_DATABASE_URL;
  const mailLog = process.env.BENCH_MAIL_LOG;
  const dataDir = process.env.BENCH_APP_DATA_DIR;
  if (!url || !mailLog || !dataDir) throw new Error('BENCH_APP_DATABASE_URL, BENCH_MAIL_LOG and BENCH_APP_DATA_DIR must be set');
  const env = loadEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PUBLIC_URL: BENCH_PUBLIC_URL,
    APP_SECRET: 'bench-secret-shared-by-every-instance-0123456789',
    TRUST_PROXY: '127.0.0.1',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const database = await openDatabase({ kind: 'postgres', url });
  const app = await buildApp({ database, env });
  const transport: MailTransport = {
    description: 'bench mail log',
    send: (m) => appendFile(mailLog, `${m.id} ${process.pid}\n`),
  };
  const jobs = createServerJobs(database.db, env, { transport, from: 'no-reply@market.example' });
  jobs.start({ pollMs: 500 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  serveChild(typeof addr === 'object' && addr ? addr.port : 0, async () => {
    await app.close();
    await jobs.stop();
    await database.close();
  });
}

main().catch(failChild);
