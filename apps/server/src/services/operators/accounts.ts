import { AppError, uuidv7, type OperatorProfile, type OperatorSignInInput } from '@makeries/shared';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { operatorRecoveryCodes, operators, sessions } from '../../db/schema/index';
import { passwordMatches } from '../auth';
import { throttleLogin, type LoginThrottle } from '../login-throttle';
import { hashSecret, hashToken, newToken } from '../tokens';
import { recordAudit } from './audit';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

/** Operator sessions are short and never extended: sign in again after this. */
export const OPERATOR_SESSION_MS = 4 * 3600_000;
const RECOVERY_CODES = 10;

const BAD_SIGN_IN = "That email, password and code don't match an operator account. Check them and try again.";

export interface NewOperator {
  operator: OperatorProfile;
  /** base32, shown once: typed into (or scanned by) the authenticator app */
  totpSecret: string;
  otpauthUri: string;
  /** shown once; each works once in place of a code */
  recoveryCodes: string[];
}

/** `abcd-efgh-jk`: ten characters from a set without look-alikes, shown with dashes, checked without. */
function newRecoveryCode(): string {
  const set = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const raw = [...bytes].map((b) => set[b % set.length]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

async function replaceRecoveryCodes(tx: DbOrTx, operatorId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await tx.delete(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, operatorId));
  await tx.insert(operatorRecoveryCodes).values(codes.map((c) => ({ codeHash: hashToken(normaliseCode(c)), operatorId })));
  return codes;
}

/**
 * A new operator (command line only: `operator:add`). The TOTP secret and recovery codes are returned once, to be
 * handed to the person; an address already used by an operator is refused.
 */
export async function createOperator(db: DbOrTx, input: { email: string; name: string; password: string }): Promise<NewOperator> {
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.select({ id: operators.id }).from(operators).where(sql`lower(${operators.email}) = ${email}`).limit(1);
  if (taken) throw new AppError('CONFLICT', `There is already an operator with the email ${email}.`);
  const id = uuidv7();
  const totpSecret = newTotpSecret();
  const passwordHash = await hashSecret(input.password);
  const recoveryCodes = await db.transaction(async (tx) => {
    await tx.insert(operators).values({ id, email, name: input.name.trim(), passwordHash, totpSecret });
    return replaceRecoveryCodes(tx, id);
  });
  return { operator: { id, email, name: input.name.trim() }, totpSecret, otpauthUri: otpauthUri(totpSecret, email), recoveryCodes };
}

export interface OperatorSession {
  token: string;
  expiresAt: Date;
  operator: OperatorProfile;
  /** recovery codes still unused after this sign-in (the console warns when few are left) */
  recoveryCodesLeft: number;
}

/** Spends the code: a TOTP step newer than the last accepted one, or an unused recovery code. */
async function spendCode(tx: DbOrTx, op: { id: string; totpSecret: string; lastTotpStep: number }, code: string, now: Date): Promise<'totp' | 'recovery' | null> {
  if (/^\d{6}$/.test(code)) {
    const step = matchTotp(op.totpSecret, code, now, op.lastTotpStep);
    if (step === null) return null;
    // a concurrent sign-in with the same code loses here
    const won = await tx
      .update(operators)
      .set({ lastTotpStep: step })
      .where(and(eq(operators.id, op.id), lt(operators.lastTotpStep, step)))
      .returning({ id: operators.id });
    return won.length === 1 ? 'totp' : null;
  }
  const used = await tx
    .update(operatorRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(operatorRecoveryCodes.codeHash, hashToken(normaliseCode(code))), eq(operatorRecoveryCodes.operatorId, op.id), isNull(operatorRecoveryCodes.usedAt)))
    .returning({ codeHash: operatorRecoveryCodes.codeHash });
  return used.length === 1 ? 'recovery' : null;
}

/**
 * Password and second factor, throttled like every sign-in (per place, address and account). Wrong email, wrong
 * password and wrong code get the same answer. The sign-in itself is in the audit log.
 */
export async function operatorSignIn(
  db: DbOrTx,
  input: OperatorSignInInput,
  opts: { ip: string; requestId: string; throttle: LoginThrottle; now?: Date },
): Promise<OperatorSession> {
  const now = opts.now ?? new Date();
  const ticket = await throttleLogin(db, 'operator-login', input.email, opts.ip, opts.throttle, now);
  const [row] = await db.select().from(operators).where(sql`lower(${operators.email}) = ${input.email}`).limit(1);
  const live = row && row.disabledAt === null ? row : undefined;
  const passwordOk = await passwordMatches(input.password, live?.passwordHash);
  if (!live || !passwordOk) throw new AppError('INVALID_CREDENTIALS', BAD_SIGN_IN);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + OPERATOR_SESSION_MS);
  const result = await db.transaction(async (tx) => {
    const how = await spendCode(tx, live, input.code, now);
    if (!how) return null;
    await tx.insert(sessions).values({ id: uuidv7(), tokenHash: hashToken(token), kind: 'operator', operatorId: live.id, expiresAt });
    await recordAudit(tx, { operatorId: live.id, ip: opts.ip, requestId: opts.requestId }, {
      action: how === 'totp' ? 'operator.signIn' : 'operator.signInWithRecoveryCode',
      targetType: 'operator',
      targetId: live.id,
    });
    return how;
  });
  if (!result) throw new AppError('INVALID_CREDENTIALS', BAD_SIGN_IN);
  await ticket.release(db);
  return { token, expiresAt, operator: toProfile(live), recoveryCodesLeft: await recoveryCodesLeft(db, live.id) };
}

export async function recoveryCodesLeft(db: DbOrTx, operatorId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(operatorRecoveryCodes)
    .where(and(eq(operatorRecoveryCodes.operatorId, operatorId), isNull(operatorRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function operatorSessionExpiry(db: DbOrTx, sessionId: string): Promise<Date | null> {
  const [row] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()))).limit(1);
  return row?.expiresAt ?? null;
}

export async function getOperatorProfile(db: DbOrTx, operatorId: string): Promise<OperatorProfile> {
  const [row] = await db.select().from(operators).where(eq(operators.id, operatorId)).limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'This operator account no longer exists.');
  return toProfile(row);
}

function toProfile(row: { id: string; email: string; name: string }): OperatorProfile {
  return { id: row.id, email: row.email, name: row.name };
}

/** New recovery codes (the old ones stop working), shown once; recorded in the audit log. */
export async function regenerateRecoveryCodes(db: DbOrTx, who: { operatorId: string; ip: string; requestId: string }): Promise<string[]> {
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, who.operatorId);
    await recordAudit(tx, who, { action: 'operator.newRecoveryCodes', targetType: 'operator', targetId: who.operatorId });
    return codes;
  });
}
