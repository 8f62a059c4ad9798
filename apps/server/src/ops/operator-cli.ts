import { AppError } from '@makeries/shared';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { DbOrTx } from '../db/client';
import { createOperator } from '../services/operators/accounts';
import { disableOperatorFromCli } from '../services/operators/disable';
import { checkOperatorPassword, type OperatorAddArgs } from './operator-args';

/** Where the commands talk: printed lines, and a hidden prompt (absent when there is no terminal). */
export interface CliIo {
  print: (line: string) => void;
  promptHidden?: (question: string) => Promise<string>;
}

/** A strong password to hand over once: 120 random bits, in groups of five for reading aloud. */
function generatePassword(): string {
  const raw = randomBytes(15).toString('base64url').replace(/[-_]/g, 'x');
  return raw.match(/.{1,5}/g)?.join('-') ?? raw;
}

/** The secret in groups of four, as authenticator apps show it when typed in by hand. */
function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

async function passwordFor(args: OperatorAddArgs, io: CliIo): Promise<{ password: string; generated: boolean }> {
  if (args.password !== undefined) return { password: args.password, generated: false };
  if (args.generatePassword) return { password: generatePassword(), generated: true };
  if (!io.promptHidden) throw new AppError('BAD_INPUT', 'No terminal to ask for the password: give --password or --generate-password.');
  const first = checkOperatorPassword(await io.promptHidden('Password for the new operator (hidden): '));
  const again = await io.promptHidden('The same password again: ');
  if (first !== again) throw new AppError('BAD_INPUT', 'The two passwords differ. Nothing was created; run the command again.');
  return { password: first, generated: false };
}

/**
 * `operator:add`: creates the operator and prints, once, what they need to sign in: the password if generated,
 * the TOTP secret with its otpauth:// URI and a QR code to scan, and the recovery codes.
 */
export async function addOperatorCommand(db: DbOrTx, args: OperatorAddArgs, io: CliIo, publicUrl: string): Promise<void> {
  const { password, generated } = await passwordFor(args, io);
  const made = await createOperator(db, { email: args.email, name: args.name, password });
  const qr = await QRCode.toString(made.otpauthUri, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  const lines = [
    `Operator ${made.operator.name} <${made.operator.email}> created.`,
    '',
    ...(generated ? [`Password (generated, shown only now): ${password}`, ''] : []),
    'Authenticator app (TOTP, shown only now; keep it as secret as the password):',
    `  secret  ${groupSecret(made.totpSecret)}`,
    `  URI     ${made.otpauthUri}`,
    '  or scan:',
    qr.trimEnd(),
    '',
    'Recovery codes (each works once in place of a code; shown only now, store them safely):',
    ...made.recoveryCodes.map((c) => `  ${c}`),
    '',
    `Sign in at ${publicUrl.replace(/\/$/, '')}/admin/sign-in`,
  ];
  for (const line of lines) io.print(line);
}

/** `operator:disable`: no more sign-ins, its sessions end now; recorded in the audit log. */
export async function disableOperatorCommand(db: DbOrTx, email: string, io: CliIo): Promise<void> {
  const r = await disableOperatorFromCli(db, email);
  if (r.already) io.print(`The operator ${email} was already disabled; nothing changed.`);
  else io.print(`The operator ${email} is disabled: ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended. Recorded in the audit log (operator.disabledFromCli).`);
}
