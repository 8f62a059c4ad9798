import { afterAll, beforeAll, describe } from 'vitest';
import { createContextInner, type CookieJar } from '../context';
import { loadEnv, type Env } from '../env';
import { appRouter } from '../routers/index';
import { createCallerFactory } from '../trpc';
import { createTestDatabase, DB_KINDS, type DbKind, type TestDatabase } from './db';

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** Records cookies a procedure sets, like a browser would. */
export class MemoryCookieJar implements CookieJar {
  readonly values = new Map<string, string>();
  set(name: string, value: string): void {
    this.values.set(name, value);
  }
  clear(name: string): void {
    this.values.delete(name);
  }
}

export interface TestServer {
  kind: DbKind;
  database: TestDatabase;
  env: Env;
  /** a caller as an anonymous visitor, a bearer token holder (staff/device), or a customer cookie */
  caller(opts?: { bearer?: string; sessionCookie?: string; operatorCookie?: string; cookies?: CookieJar; ip?: string; staffProofs?: string }): Promise<Caller>;
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/makeries-test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'test-secret-test-secret-test-secret-42',
    ...overrides,
  });
}

/**
 * Runs a suite once per database kind, each on a fresh migrated database.
 * `get()` is valid inside tests and hooks.
 */
export function describeEachDb(name: string, fn: (get: () => TestServer) => void, env: Record<string, string> = {}): void {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let server: TestServer | undefined;
      beforeAll(async () => {
        const database = await createTestDatabase(kind);
        const e = testEnv(env);
        server = {
          kind,
          database,
          env: e,
          async caller(opts = {}) {
            const ctx = await createContextInner({ database, env: e, ...opts });
            return createCaller(ctx);
          },
        };
      });
      afterAll(async () => {
        await server?.database.destroy();
      });
      fn(() => {
        if (!server) throw new Error('test server not ready');
        return server;
      });
    });
  }
}
