import { OPERATOR_EMAIL_USAGE, parseOperatorEmailArgs } from './operator-args';
import { disableOperatorCommand } from './operator-cli';
import { runOperatorCommand, terminalIo } from './operator-run';

/** `pnpm --filter @makeries/server operator:disable -- --email ops@example.com`: no more sign-ins, sessions end now. */
runOperatorCommand(OPERATOR_EMAIL_USAGE('operator:disable'), parseOperatorEmailArgs, (database, _env, args) => disableOperatorCommand(database.db, args.email, terminalIo));
