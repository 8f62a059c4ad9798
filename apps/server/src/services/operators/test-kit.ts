import { uuidv7 } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { sessions } from '../../db/schema/index';
import { hashToken, newToken } from '../tokens';
import { createOperator, OPERATOR_SESSION_MS, type NewOperator } from './accounts';
import { totpAt } from './totp';

/** An operator for tests, with what signing in needs. Not a test file itself. */
export interface OperatorFixture extends NewOperator {
  password: string;
  /** a code for `at` from the operator's authenticator */
  codeAt: (at: Date) => string;
}

let seq = 0;

export async function createOperatorFixture(db: DbOrTx, email = `ops${++seq}-${uuidv7().slice(-6)}@makeries.test`): Promise<OperatorFixture> {
  const password = 'operator horse battery staple';
  const made = await createOperator(db, { email, name: 'Olive Operator', password });
  return { ...made, password, codeAt: (at) => totpAt(made.totpSecret, at) };
}

/** A fresh operator session cookie value (as if signed in a moment ago), for `operatorCookie` in a test context. */
export async function operatorSessionCookie(db: DbOrTx, operatorId: string): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({ id: uuidv7(), tokenHash: hashToken(token), kind: 'operator', operatorId, expiresAt: new Date(Date.now() + OPERATOR_SESSION_MS) });
  return token;
}
