import { createContextInner, SESSION_COOKIE, type CookieJar } from '../context';
import type { Database } from '../db/client';
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

/** Signs a customer up and returns their session cookie value. */
export async function customerCookie(database: Database, env: Env, input: { name: string; email: string; password: string }): Promise<string> {
  let cookie: string | undefined;
  const jar: CookieJar = {
    set: (name, value) => {
      if (name === SESSION_COOKIE) cookie = value;
    },
    clear: () => {},
  };
  const ctx = await createContextInner({ database, env, ip: 'seed', cookies: jar });
  await createCaller(ctx).auth.customerSignup(input);
  if (!cookie) throw new Error(`signup of ${input.email} set no session cookie`);
  return cookie;
}
