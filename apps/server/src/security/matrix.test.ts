import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test/db';
import { POLICIES, ROLES } from './policies';
import { sampleInput, schemaOf } from './samples';
import { callerAs, callPath, fingerprint, isAuthRefusal, nextXid, openServer, outcomeOf, PROCEDURES, securityFixture, type SecurityFixture } from './security-kit';

/**
 * The authorization matrix, generated from the router: every procedure has a declared policy (policies.ts), and
 * every procedure × role is called for real. A refused role gets UNAUTHENTICATED or FORBIDDEN — for builder-checked
 * procedures even with input that does not parse, since the role check runs before the input parser — and an
 * allowed role gets anything but those (and never an internal error).
 */

const paths = Object.keys(PROCEDURES).sort();

describe('authorization policies', () => {
  it('declares a policy for every procedure of the router', () => {
    const missing = paths.filter((p) => !(p in POLICIES));
    expect(missing, `procedures without a policy in src/security/policies.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only procedures that exist, with their real kind', () => {
    const stale = Object.keys(POLICIES).filter((p) => !(p in PROCEDURES));
    expect(stale, `policies for procedures that no longer exist: ${stale.join(', ')}`).toEqual([]);
    const wrongKind = paths.filter((p) => POLICIES[p] && POLICIES[p].type !== PROCEDURES[p]?._def.type);
    expect(wrongKind, `policies declaring the wrong query/mutation kind: ${wrongKind.join(', ')}`).toEqual([]);
  });
});

for (const kind of DB_KINDS) {
  describe(`authorization matrix [${kind}]`, () => {
    let fx: SecurityFixture;
    beforeAll(async () => {
      fx = await securityFixture(await openServer(kind));
    });
    afterAll(async () => {
      await fx?.server.database.destroy();
    });

    it('has a sample input that passes validation for every procedure that takes input', () => {
      const invalid = paths.filter((p) => {
        const schema = schemaOf(p) as { safeParse(v: unknown): { success: boolean } } | undefined;
        return schema !== undefined && !schema.safeParse(sampleInput(fx, p, 'owner')).success;
      });
      expect(invalid, `samples that do not parse (add one to src/security/samples.ts): ${invalid.join(', ')}`).toEqual([]);
    });

    for (const path of paths) {
      const policy = POLICIES[path];
      if (!policy) continue;
      it(`${path}: allows ${policy.allow.join(', ')}`, async () => {
        const seen: Record<string, string> = {};
        for (const role of ROLES) {
          const input = sampleInput(fx, path, role);
          const caller = await callerAs(fx, role);
          const db = fx.server.database.db;
          const xid = await nextXid(db);
          // transaction ids are cluster-wide on PostgreSQL, where other test files write at the same time: there a
          // moved id is checked against the rows themselves
          const before = kind === 'postgres' && !policy.allow.includes(role) ? await fingerprint(db) : null;
          const outcome = await outcomeOf(callPath(caller, path, input));
          seen[role] = outcome.ok ? "ok" : outcome.code;
          if (!outcome.ok && outcome.code === 'INTERNAL') throw outcome.error;
          if (policy.allow.includes(role)) {
            expect(isAuthRefusal(outcome), `${path} refused the allowed role ${role}: ${outcome.ok ? '' : outcome.message}`).toBe(false);
          } else {
            expect(isAuthRefusal(outcome), `${path} let the refused role ${role} through (${seen[role]})`).toBe(true);
            if (before === null) expect(await nextXid(db), `${path} refused ${role} but started a write`).toBe(xid);
            else if ((await nextXid(db)) !== xid) expect(await fingerprint(db), `${path} refused ${role} but wrote rows`).toBe(before);
            if (policy.check === 'middleware') {
              // the builder checks the role before parsing: garbage input is refused the same way
              const garbage = await outcomeOf(callPath(await callerAs(fx, role), path, { __proto__: { admin: true }, x: '\u0000' }));
              expect(isAuthRefusal(garbage), `${path} parsed the input of the refused role ${role} before checking it`).toBe(true);
            }
          }
        }
        expect(Object.keys(seen)).toHaveLength(ROLES.length);
      });
    }
  });
}

