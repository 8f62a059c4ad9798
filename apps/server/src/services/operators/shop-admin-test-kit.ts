import type { TestDatabase } from '../../test/db';
import type { Env } from '../../env';
import { createContextInner } from '../../context';
import { appRouter } from '../../routers/index';
import { createCallerFactory } from '../../trpc';
import { createOperatorFixture, operatorSessionCookie } from './test-kit';

const createCaller = createCallerFactory(appRouter);

/**
 * A signed-in operator's caller, as the console's requests reach the router (the console cookie counts only on
 * console requests; createContextInner's `operatorCookie` is that). Not a test file itself.
 */
export async function operatorCaller(database: TestDatabase, env: Env) {
  const op = await createOperatorFixture(database.db);
  const operatorCookie = await operatorSessionCookie(database.db, op.operator.id);
  return { operatorId: op.operator.id, caller: createCaller(await createContextInner({ database, env, operatorCookie })) };
}
