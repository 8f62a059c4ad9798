import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendors } from '../db/schema/index';
import type { DbKind } from '../test/db';
import { exampleOf } from './examples';
import { hash32, mutate, prng, type Mutation } from './mutations';
import { POLICIES, refusedRole, strongestAllowed, type Role } from './policies';
import { sampleInput, schemaOf } from './samples';
import { callerAs, callPath, fingerprint, isAuthRefusal, nextXid, openServer, outcomeOf, PROCEDURES, securityFixture, type Outcome, type SecurityFixture } from './security-kit';

/**
 * A seeded fuzzer over every procedure (issue 12): each is called as its most privileged allowed role and as a
 * role it refuses, with variants of a valid sample (wrong types, control characters, 100k-character strings,
 * 10k-element arrays, `__proto__`/`constructor`/`prototype` keys, money edge cases), and once with every field at
 * the largest value its schema accepts (longest strings, biggest amounts, fullest arrays). No call may end in an
 * internal error (a 5xx), and a call that is refused (UNAUTHENTICATED, FORBIDDEN, BAD_INPUT) writes no row.
 * PGlite by default (the same code on PostgreSQL takes several times longer); FUZZ_DB=postgres runs it on the
 * TEST_DATABASE_URL server instead. Replay a failure with FUZZ_SEED=<seed>; FUZZ_CASES sets the cases per
 * procedure and role.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x5ec12;
const CASES = process.env.FUZZ_CASES ? Number(process.env.FUZZ_CASES) : 8;
const DB: DbKind = process.env.FUZZ_DB === 'postgres' ? 'postgres' : 'pglite';
const REFUSED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_INPUT']);

const stats = { calls: 0, refused: 0, ok: 0, otherErrors: 0 };

function describeInput(input: unknown): string {
  const s = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length} chars)` : Array.isArray(v) && v.length > 20 ? `[${v.length} items]` : v));
  return (s ?? String(input)).slice(0, 400);
}

describe(`fuzzing every procedure [${DB}]`, () => {
  let fx: SecurityFixture;
  beforeAll(async () => {
    fx = await securityFixture(await openServer(DB));
  });
  afterAll(async () => {
    await fx?.server.database.destroy();
    console.info(`fuzz: seed ${SEED} (FUZZ_SEED), ${CASES} cases per procedure and role, ${stats.calls} calls: ${stats.refused} refused, ${stats.ok} succeeded, ${stats.otherErrors} other errors`);
  });

  it('notices a write: an updated row moves both the table fingerprint and the transaction counter', async () => {
    const db = fx.server.database.db;
    const [fp, xid] = [await fingerprint(db), await nextXid(db)];
    await db.update(vendors).set({ description: 'Fuzzed bakery' }).where(eq(vendors.id, fx.shop.vendorId));
    expect(await fingerprint(db)).not.toBe(fp);
    expect(await nextXid(db)).not.toBe(xid);
  });

  // the operator's procedures last: their largest valid inputs name the fixture's shop and product, so a fuzzed
  // `admin.shops.suspend` or `admin.content.hide` would otherwise leave every later procedure facing a shop the
  // storefront no longer shows
  const operatorLast = (a: string, b: string) => Number(a.startsWith('admin.')) - Number(b.startsWith('admin.')) || a.localeCompare(b);
  for (const path of Object.keys(PROCEDURES).sort(operatorLast)) {
    const policy = POLICIES[path];
    if (!policy) continue; // matrix.test.ts names it
    it(`${path} survives ${CASES} mutated inputs per role`, async () => {
      const rand = prng(SEED ^ hash32(path));
      const roles: Role[] = [strongestAllowed(policy), ...[refusedRole(policy)].filter((r): r is Role => r !== null)];
      for (const role of roles) {
        const sample = sampleInput(fx, path, role);
        const db = fx.server.database.db;
        // one caller and one table fingerprint for as long as calls are refused (a refused call changes nothing,
        // which the transaction counter shows cheaply); both are renewed after a call that succeeded or failed otherwise
        let caller = await callerAs(fx, role);
        let before = await fingerprint(db);
        // every string, number and array at the largest its schema still accepts, then mutated samples
        const schema = schemaOf(path);
        const largest: Mutation[] = schema !== undefined && policy.allow.includes(role) ? [{ kind: 'largest valid', input: exampleOf(schema, fx.hints, '', 0, 'max'), at: '(everything)' }] : [];
        for (let i = 0; i < CASES + largest.length; i++) {
          const m = largest[i] ?? mutate(sample, rand);
          const xid = await nextXid(db);
          const outcome: Outcome = await outcomeOf(callPath(caller, path, m.input));
          const where = `FUZZ_SEED=${SEED} ${path} as ${role}, case ${i} (${m.kind} at ${m.at}): ${describeInput(m.input)}`;
          stats.calls++;
          if (outcome.ok) stats.ok++;
          else if (REFUSED.has(outcome.code)) stats.refused++;
          else stats.otherErrors++;
          if (!outcome.ok && outcome.code === 'INTERNAL') {
            const cause = (outcome.error as { cause?: unknown }).cause;
            throw new Error(`internal error ${where}: ${outcome.message} ${cause instanceof Error ? cause.stack : ''}`);
          }
          if (!policy.allow.includes(role)) {
            expect(outcome.ok, `refused role got through: ${where}`).toBe(false);
            if (policy.check === 'middleware') expect(isAuthRefusal(outcome), `not refused by role: ${where}`).toBe(true);
          }
          if (!outcome.ok && REFUSED.has(outcome.code)) {
            if ((await nextXid(db)) !== xid) expect(await fingerprint(db), `a refused call (${outcome.code}) wrote rows: ${where}`).toBe(before);
          } else {
            caller = await callerAs(fx, role);
            before = await fingerprint(db);
          }
        }
      }
      // nothing reached Object.prototype through a `__proto__` or `constructor.prototype` key
      expect(({} as Record<string, unknown>).polluted, `prototype polluted, FUZZ_SEED=${SEED} ${path}`).toBeUndefined();
    });
  }
});
