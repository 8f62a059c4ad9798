import { eq } from 'drizzle-orm';
import { createContextInner, SESSION_COOKIE, type CookieJar } from '../context';
import type { Database } from '../db/client';
import { emailOutbox } from '../db/schema/index';
import type { Env } from '../env';
import { appRouter } from '../routers/index';
import { createCallerFactory } from '../trpc';

const createCaller = createCallerFactory(appRouter);
export type SeedCaller = ReturnType<typeof createCaller>;

/** The seed talks to the same API a browser or counter uses, so seeded data obeys every rule. */
export async function callerAs(database: Database, env: Env, auth: { bearer?: string; cookie?: string } = {}): Promise<SeedCaller> {
  const ctx = await createContextInner({ database, env, bearer: auth.bearer, sessionCookie: auth.cookie, ip: 'seed' });
  return createCaller(ctx);
}

/** The token of the newest confirmation link emailed to this address, as the customer would click it. */
export async function emailedVerificationToken(database: Database, email: string): Promise<string> {
  const rows = await database.db.select().from(emailOutbox).where(eq(emailOutbox.to, email.toLowerCase()));
  const mail = rows.filter((r) => r.kind === 'email_verification').sort((a, b) => a.id.localeCompare(b.id)).at(-1);
  const token = /\/account\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link was emailed to ${email}`);
  return token;
}

/** Signs a customer up, confirms the email by the emailed link, signs in and returns the session cookie value. */
export async function customerCookie(database: Database, env: Env, input: { name: string; email: string; password: string }): Promise<string> {
  let cookie: string | undefined;
  const jar: CookieJar = {
    set: (name, value) => {
      if (name === SESSION_COOKIE) cookie = value;
    },
    clear: () => {},
  };
  const ctx = await createContextInner({ database, env, ip: 'seed', cookies: jar });
  const caller = createCaller(ctx);
  await caller.auth.customerSignup(input);
  await caller.auth.verifyEmail({ token: await emailedVerificationToken(database, input.email) });
  await caller.auth.customerLogin({ email: input.email, password: input.password });
  if (!cookie) throw new Error(`sign-in of ${input.email} set no session cookie`);
  return cookie;
}
