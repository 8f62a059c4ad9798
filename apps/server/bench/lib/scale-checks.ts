import { readFileSync } from 'node:fs';
import pg from 'pg';
import { EMAIL_JOB } from '../../src/services/email/sender';
import { cookiePair, mutate, ok, query, type Instance } from './trpc-http';

const INSTANCES: Instance[] = ['a', 'b', 'c'];

/** A customer signs in on A; B and C know them; signing out on B signs them out on C too. */
export async function checkSessions(lbUrl: string, customer: { email: string; password: string }) {
  const login = await mutate(lbUrl, 'auth.customerLogin', customer, { instance: 'a' });
  ok(login, 'customer login');
  const cookie = cookiePair(login.setCookies, 'mk_session');
  if (!cookie) throw new Error('customer login set no session cookie');
  const seenBy: Record<string, string> = {};
  for (const instance of INSTANCES) {
    seenBy[instance] = ok(await query<{ kind: string }>(lbUrl, 'auth.me', undefined, { instance, cookie }), 'auth.me').kind;
  }
  ok(await mutate(lbUrl, 'auth.customerLogout', null, { instance: 'b', cookie }), 'logout');
  const afterLogoutOnC = ok(await query<{ kind: string }>(lbUrl, 'auth.me', undefined, { instance: 'c', cookie }), 'auth.me').kind;
  const holds = INSTANCES.every((i) => seenBy[i] === 'customer') && afterLogoutOnC === 'anonymous';
  return { holds, signedInOnA_seenBy: seenBy, afterLogoutOnB_seenByC: afterLogoutOnC };
}

/**
 * Wrong passwords for one email from one address, spread round-robin over the instances by the load balancer:
 * the (email, IP) limit is counted in PostgreSQL, so the refusal comes after `limit` attempts in total, not per instance.
 */
export async function checkLoginLimit(lbUrl: string, limit: number) {
  const email = `nobody-${Date.now().toString(36)}@example.test`;
  const answeredBy: Record<string, number> = {};
  let allowed = 0;
  for (let attempt = 1; attempt <= limit * 3 + 1; attempt++) {
    const a = await mutate(lbUrl, 'auth.customerLogin', { email, password: 'not the password' });
    const by = a.servedBy ?? '?';
    answeredBy[by] = (answeredBy[by] ?? 0) + 1;
    if (a.error?.code === 'RATE_LIMITED') break;
    allowed++;
  }
  return { limit, allowed, answeredBy };
}

/**
 * After the load: wait for the queue to drain, then count executions. Each email job "sends" by appending its
 * message id and the instance's pid to the mail log, so an id twice is a job run twice.
 */
export async function checkJobs(dbUrl: string, mailLog: string) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (let i = 0; i < 120; i++) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND run_at <= now()`);
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { rows } = await client.query<{ done: number; retried: number; failed: number; queued: number; emails: number }>(
      `SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE attempts > 1)::int AS retried,
              count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'queued')::int AS queued,
              count(*) FILTER (WHERE status = 'done' AND kind = $1)::int AS emails
       FROM jobs`,
      [EMAIL_JOB],
    );
    const jobs = rows[0];
    let lines: string[] = [];
    try {
      lines = readFileSync(mailLog, 'utf8').split('\n').filter(Boolean);
    } catch {
      lines = [];
    }
    const perMessage = new Map<string, number>();
    const perInstancePid = new Map<string, number>();
    for (const l of lines) {
      const [id = '', pid = ''] = l.split(' ');
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      perInstancePid.set(pid, (perInstancePid.get(pid) ?? 0) + 1);
    }
    const duplicates = [...perMessage.values()].filter((n) => n > 1).length;
    return {
      jobs,
      emailsSent: lines.length,
      distinctEmails: perMessage.size,
      duplicateExecutions: duplicates,
      /** sends per server process: the work is spread over the instances */
      executionsPerInstance: Object.fromEntries(perInstancePid),
    };
  } finally {
    await client.end();
  }
}
