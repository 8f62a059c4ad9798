import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperatorFixture, operatorSessionCookie, type OperatorFixture } from '../services/operators/test-kit';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { createCustomerFixture, type CustomerFixture } from '../test/fixtures';
import { describeEachDb, testEnv } from '../test/harness';
import { buildApp } from './app';

const ORIGIN = 'https://market.example.test';
const CONSOLE = { 'x-makeries-console': '1' };

interface Answer {
  result?: { data?: unknown };
  error?: { message?: string; data?: { appCode?: string } };
}

const meInput = encodeURIComponent(JSON.stringify({}));

describeEachDb('the operator console over HTTP: the mk_op cookie and its rules', (get) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-admin-http-'));
  let app: FastifyInstance;
  let op: OperatorFixture;
  let customer: CustomerFixture;

  beforeAll(async () => {
    app = await buildApp({ database: get().database, env: testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN }) });
    op = await createOperatorFixture(get().database.db);
    customer = await createCustomerFixture(get().database.db);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (method: 'GET' | 'POST', path: string, headers: Record<string, string>, payload?: unknown) => {
    const res = await app.inject({
      method,
      url: method === 'GET' ? `/trpc/${path}?input=${meInput}` : `/trpc/${path}`,
      headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
      ...(method === 'POST' ? { payload: JSON.stringify(payload ?? null) } : {}),
    });
    return { status: res.statusCode, body: res.json<Answer>(), cookies: res.cookies };
  };

  it('signs in over HTTP: an httpOnly, SameSite=Strict, Secure mk_op cookie for the whole site, and no customer cookie', async () => {
    const res = await call('POST', 'admin.signIn', { origin: ORIGIN, ...CONSOLE }, { email: op.operator.email, password: op.password, code: op.codeAt(new Date()) });
    expect(res.status).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'mk_op');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    expect(cookie?.expires).toBeInstanceOf(Date);
    expect(res.cookies.map((c) => c.name)).toEqual(['mk_op']);
    const me = await call('GET', 'admin.me', { cookie: `mk_op=${cookie?.value ?? ''}`, 'sec-fetch-site': 'same-origin', ...CONSOLE });
    expect(me.status).toBe(200);
  });

  it('counts the cookie only with the console header and same-origin proof, on reads as on writes', async () => {
    const token = await operatorSessionCookie(get().database.db, op.operator.id);
    const cookie = `mk_op=${token}`;
    const read = (headers: Record<string, string>) => call('GET', 'admin.me', { cookie, ...headers });
    expect((await read({ origin: ORIGIN, ...CONSOLE })).status).toBe(200);
    expect((await read({ 'sec-fetch-site': 'same-origin', ...CONSOLE })).status).toBe(200);
    const refused: Record<string, string>[] = [
      // no console header: a storefront call from the same browser
      { origin: ORIGIN },
      { 'sec-fetch-site': 'same-origin' },
      { ...CONSOLE, 'x-makeries-console': 'yes' },
      // the header without proof that the call comes from our own pages
      { ...CONSOLE },
      { origin: 'https://evil.example', ...CONSOLE },
      { 'sec-fetch-site': 'cross-site', ...CONSOLE },
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin', ...CONSOLE },
    ];
    for (const headers of refused) {
      const r = await read(headers);
      expect([r.status, r.body.error?.data?.appCode], JSON.stringify(headers)).toEqual([401, 'UNAUTHENTICATED']);
    }
    const write = (headers: Record<string, string>) => call('POST', 'admin.newRecoveryCodes', { cookie, ...headers });
    expect((await write({ origin: 'https://evil.example', ...CONSOLE })).status).toBe(401);
    expect((await write({ origin: ORIGIN })).status).toBe(401);
    expect((await write({ origin: ORIGIN, ...CONSOLE })).status).toBe(200);
  });

  it('leaves the storefront to the customer: the same browser without the header is the customer, with it the operator', async () => {
    const token = await operatorSessionCookie(get().database.db, op.operator.id);
    const both = `mk_session=${customer.cookie}; mk_op=${token}`;
    const storefront = await call('GET', 'auth.me', { cookie: both, 'sec-fetch-site': 'same-origin' });
    expect(storefront.body.result?.data).toMatchObject({ kind: 'customer' });
    const asConsole = await call('GET', 'admin.me', { cookie: both, 'sec-fetch-site': 'same-origin', ...CONSOLE });
    expect(asConsole.body.result?.data).toMatchObject({ operator: { id: op.operator.id } });
    // the customer's cookie never opens the console
    const customerOnly = await call('GET', 'admin.me', { cookie: `mk_session=${customer.cookie}`, 'sec-fetch-site': 'same-origin', ...CONSOLE });
    expect(customerOnly.status).toBe(401);
  });

  it('signing out clears only the console cookie', async () => {
    const token = await operatorSessionCookie(get().database.db, op.operator.id);
    const res = await call('POST', 'admin.signOut', { cookie: `mk_session=${customer.cookie}; mk_op=${token}`, origin: ORIGIN, ...CONSOLE });
    expect(res.status).toBe(200);
    expect(res.cookies.map((c) => [c.name, c.value])).toEqual([['mk_op', '']]);
    expect((await call('GET', 'admin.me', { cookie: `mk_op=${token}`, origin: ORIGIN, ...CONSOLE })).status).toBe(401);
  });
});

/** The console's pages, rendered by the server (needs the built storefront, like storefront.test.ts). */
describe('the operator console pages rendered by the server', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let olive: OperatorFixture;
  let oscar: OperatorFixture;
  let customer: CustomerFixture;
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-admin-ssr-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp({ database, env: testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN }) });
    olive = await createOperatorFixture(database.db);
    oscar = await createOperatorFixture(database.db);
    await database.db.execute(`UPDATE operators SET name = 'Oscar Second' WHERE id = '${oscar.operator.id}'`);
    customer = await createCustomerFixture(database.db);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const page = (url: string, cookie = '') => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  const noindexed = (res: Awaited<ReturnType<typeof page>>) => {
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['x-page-cache']).toBeUndefined();
  };

  it('sends a visitor who is not signed in to the sign-in page, remembering where they were going', async () => {
    const res = await page('/admin/audit?kind=vendor');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent('/admin/audit?kind=vendor')}`);
    noindexed(res);
    // a customer is nobody here
    expect((await page('/admin', `mk_session=${customer.cookie}`)).headers.location).toBe('/admin/sign-in?next=%2Fadmin');
  });

  it('renders the sign-in page: noindex in the head and the headers, never stored by any cache', async () => {
    const res = await page('/admin/sign-in?next=%2Fadmin%2Faudit');
    expect(res.statusCode).toBe(200);
    noindexed(res);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    expect(res.body).toContain('Makeries operator');
    // HTML attribute names ignore case (React writes autoComplete, inputMode)
    expect(res.body).toMatch(/autocomplete="one-time-code"/i);
    expect(res.body).toMatch(/inputmode="numeric"/i);
    // no storefront frame around it
    expect(res.body).not.toContain('mk-header');
  });

  it('renders the console as the signed-in operator, each operator their own page (nothing shared between them)', async () => {
    const asOlive = await page('/admin', `mk_op=${await operatorSessionCookie(database.db, olive.operator.id)}`);
    expect(asOlive.statusCode).toBe(200);
    noindexed(asOlive);
    expect(asOlive.headers['cache-control']).toBe('no-store');
    expect(asOlive.body).toContain('<meta name="robots" content="noindex">');
    expect(asOlive.body).toContain('Olive Operator');
    expect(asOlive.body).toContain('Orders &amp; disputes');
    const asOscar = await page('/admin', `mk_op=${await operatorSessionCookie(database.db, oscar.operator.id)}`);
    expect(asOscar.body).toContain('Oscar Second');
    expect(asOscar.body).not.toContain('Olive Operator');
    // signed in already: the sign-in page sends the operator on
    const again = await page('/admin/sign-in?next=%2Fadmin%2Faccount', `mk_op=${await operatorSessionCookie(database.db, olive.operator.id)}`);
    expect([again.statusCode, again.headers.location]).toEqual([302, '/admin/account']);
    // but never off the console
    const away = await page('/admin/sign-in?next=%2F%2Fevil.example', `mk_op=${await operatorSessionCookie(database.db, olive.operator.id)}`);
    expect(away.headers.location).toBe('/admin');
  });

  it('renders the audit log for one record, and a 404 inside the console for a page it does not have', async () => {
    const cookie = `mk_op=${await operatorSessionCookie(database.db, olive.operator.id)}`;
    await app.inject({ method: 'POST', url: '/trpc/admin.newRecoveryCodes', headers: { cookie, origin: ORIGIN, 'x-makeries-console': '1', 'content-type': 'application/json' }, payload: 'null' });
    const audit = await page(`/admin/audit?kind=operator&id=${olive.operator.id}`, cookie);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('operator.newRecoveryCodes');
    const missing = await page('/admin/no-such-page', cookie);
    expect(missing.statusCode).toBe(404);
    noindexed(missing);
    expect(missing.body).toContain('Not in the console');
  });

  it('renders storefront pages for the customer, never the operator, from the same browser', async () => {
    const both = `mk_session=${customer.cookie}; mk_op=${await operatorSessionCookie(database.db, olive.operator.id)}`;
    const account = await page('/account', both);
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(customer.email);
    expect(account.body).not.toContain('Olive Operator');
    expect(account.headers['x-robots-tag']).toBeUndefined();
  });
});
