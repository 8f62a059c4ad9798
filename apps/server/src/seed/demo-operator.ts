import { AppError } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { operators } from '../db/schema/index';
import { createOperator } from '../services/operators/accounts';
import { TOTP_STEP_SECONDS, totpAt } from '../services/operators/totp';
import { verifySecret } from '../services/tokens';

/** The demo's operator (issue 17): a published password, like the demo shops' owners. */
export const DEMO_OPERATOR_EMAIL = 'ops@makeries.example';
/** the same password as every demo account (seed/run.ts DEMO_PASSWORD) */
export const DEMO_OPERATOR_PASSWORD = 'makeries-demo';
const OPERATOR_CODE_COMMAND = `pnpm --filter @makeries/server operator:code -- --email ${DEMO_OPERATOR_EMAIL}`;

interface DemoOperator {
  id: string;
  totpSecret: string;
}

/**
 * The demo database's marker: the operator `ops@makeries.example` that still has the published demo password. A
 * real marketplace never has it (its operators come from `operator:add` with their own passwords), so the
 * demo-only helpers below refuse everywhere else.
 */
async function findDemoOperator(db: DbOrTx, email: string): Promise<DemoOperator | null> {
  if (email.trim().toLowerCase() !== DEMO_OPERATOR_EMAIL) return null;
  const [op] = await db
    .select({ id: operators.id, totpSecret: operators.totpSecret, passwordHash: operators.passwordHash, disabledAt: operators.disabledAt })
    .from(operators)
    .where(sql`lower(${operators.email}) = ${DEMO_OPERATOR_EMAIL}`)
    .limit(1);
  if (!op || op.disabledAt || !(await verifySecret(DEMO_OPERATOR_PASSWORD, op.passwordHash))) return null;
  return { id: op.id, totpSecret: op.totpSecret };
}

/** Creates the demo operator; its (random) TOTP secret is printed so the demo user can add it to an app. */
export async function seedDemoOperator(db: DbOrTx): Promise<string> {
  const made = await createOperator(db, { email: DEMO_OPERATOR_EMAIL, name: 'Olive (demo operator)', password: DEMO_OPERATOR_PASSWORD });
  return made.totpSecret;
}

/** What `pnpm start` prints about the demo operator, or nothing when this is not the demo database. */
export async function demoOperatorLines(db: DbOrTx, publicUrl: string): Promise<string[]> {
  const op = await findDemoOperator(db, DEMO_OPERATOR_EMAIL);
  if (!op) return [];
  return [
    `Operator console: ${publicUrl.replace(/\/$/, '')}/admin — ${DEMO_OPERATOR_EMAIL} / ${DEMO_OPERATOR_PASSWORD}`,
    `  TOTP secret for your authenticator app: ${op.totpSecret.match(/.{1,4}/g)?.join(' ') ?? op.totpSecret}`,
    `  or run \`${OPERATOR_CODE_COMMAND}\` for the current code`,
  ];
}

/** `operator:code` (demo only): the demo operator's current code and how long it stays good. */
export async function demoOperatorCode(db: DbOrTx, email: string, now: Date = new Date()): Promise<{ code: string; secondsLeft: number }> {
  const op = await findDemoOperator(db, email);
  if (!op) {
    throw new AppError(
      'FORBIDDEN',
      `operator:code only works for the demo operator ${DEMO_OPERATOR_EMAIL} of the demo database (seeded, demo password unchanged). Real operators read their code from their authenticator app.`,
    );
  }
  const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
  return { code: totpAt(op.totpSecret, now), secondsLeft };
}
