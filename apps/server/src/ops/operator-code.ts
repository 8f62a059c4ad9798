import { demoOperatorCode } from '../seed/demo-operator';
import { OPERATOR_EMAIL_USAGE, parseOperatorEmailArgs } from './operator-args';
import { runOperatorCommand } from './operator-run';

/**
 * `pnpm --filter @makeries/server operator:code -- --email ops@makeries.example`: the demo operator's current TOTP
 * code, for trying the console without an authenticator app. Refuses for any other operator or database.
 */
runOperatorCommand(OPERATOR_EMAIL_USAGE('operator:code'), parseOperatorEmailArgs, async (database, _env, args) => {
  const { code, secondsLeft } = await demoOperatorCode(database.db, args.email);
  console.log(`${code}  (good for another ${secondsLeft} s, once)`);
});
