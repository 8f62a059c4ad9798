import { OPERATOR_ADD_USAGE, parseOperatorAddArgs } from './operator-args';
import { addOperatorCommand } from './operator-cli';
import { runOperatorCommand, terminalIo } from './operator-run';

/**
 * `pnpm --filter @makeries/server operator:add -- --email ops@example.com --name "Olive"`: a new marketplace
 * operator (the only way to make one). Prints the TOTP secret, its otpauth:// URI and QR code, and the recovery
 * codes, once.
 */
runOperatorCommand(OPERATOR_ADD_USAGE, parseOperatorAddArgs, (database, env, args) => addOperatorCommand(database.db, args, terminalIo, env.PUBLIC_URL));
