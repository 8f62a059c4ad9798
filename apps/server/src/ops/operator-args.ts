import { emailSchema, passwordSchema } from '@makeries/shared';
import { parseArgs } from 'node:util';

export const OPERATOR_ADD_USAGE = `Usage: operator:add -- --email ADDRESS --name "NAME" [--password PASSWORD | --generate-password]

  --email              the operator's email address (their sign-in name)
  --name               how the console and the audit log name them
  --password           at least 10 characters (leave it out to be asked for it, hidden)
  --generate-password  make a strong password and print it once`;

export const OPERATOR_EMAIL_USAGE = (command: string) => `Usage: ${command} -- --email ADDRESS`;

export class OperatorUsageError extends Error {
  override readonly name = 'OperatorUsageError';
}

/** What `operator:add` was asked for: `password` absent means "ask for it". */
export interface OperatorAddArgs {
  email: string;
  name: string;
  password?: string;
  generatePassword: boolean;
}

/** `pnpm run x -- --flag` passes the `--` through */
const withoutDashes = (argv: readonly string[]) => (argv[0] === '--' ? argv.slice(1) : [...argv]);

function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new OperatorUsageError(e instanceof Error ? e.message : String(e));
  }
}

function checkedEmail(value: string | undefined): string {
  if (!value) throw new OperatorUsageError('--email is required, e.g. --email ops@example.com.');
  const email = emailSchema.safeParse(value.trim());
  if (!email.success) throw new OperatorUsageError(`"${value}" is not an email address.`);
  return email.data;
}

/** Checks a password typed at the prompt or given with --password. */
export function checkOperatorPassword(password: string): string {
  const ok = passwordSchema.safeParse(password);
  if (!ok.success) throw new OperatorUsageError(ok.error.issues[0]?.message ?? 'That password is not allowed.');
  return password;
}

export function parseOperatorAddArgs(argv: readonly string[]): OperatorAddArgs {
  const { values } = usage(() =>
    parseArgs({
      args: withoutDashes(argv),
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, 'generate-password': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }),
  );
  const email = checkedEmail(values.email);
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  if (!name) throw new OperatorUsageError('--name is required: how the console and the audit log name this operator, e.g. --name "Olive".');
  if (name.length > 100) throw new OperatorUsageError('--name is at most 100 characters.');
  const generatePassword = values['generate-password'] === true;
  const password = values.password;
  if (generatePassword && password !== undefined) throw new OperatorUsageError('Give either --password or --generate-password, not both.');
  return { email, name, generatePassword, ...(password !== undefined ? { password: checkOperatorPassword(password) } : {}) };
}

/** `operator:disable` and `operator:code`: just the address. */
export function parseOperatorEmailArgs(argv: readonly string[]): { email: string } {
  const { values } = usage(() => parseArgs({ args: withoutDashes(argv), options: { email: { type: 'string' } }, strict: true, allowPositionals: false }));
  return { email: checkedEmail(values.email) };
}
