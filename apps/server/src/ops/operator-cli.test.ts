import { AppError } from '@makeries/shared';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { operatorAudit, operators, sessions } from '../db/schema/index';
import { loginThrottle } from '../services/login-throttle';
import { operatorSignIn } from '../services/operators/accounts';
import { createOperatorFixture, operatorSessionCookie } from '../services/operators/test-kit';
import { totpAt } from '../services/operators/totp';
import { countRows, failure } from '../routers/identity-test-kit';
import { describeEachDb } from '../test/harness';
import { OperatorUsageError, parseOperatorAddArgs, parseOperatorEmailArgs } from './operator-args';
import { addOperatorCommand, disableOperatorCommand, type CliIo } from './operator-cli';

const run = promisify(execFile);

function usageError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof OperatorUsageError) return e.message;
    throw e;
  }
  throw new Error('expected a usage error');
}

/** Collects what a command prints; `answers` are typed at the hidden prompt, in order. */
function recorder(answers?: string[]): CliIo & { lines: string[]; asked: string[] } {
  const lines: string[] = [];
  const asked: string[] = [];
  const queue = [...(answers ?? [])];
  return {
    lines,
    asked,
    print: (l) => lines.push(l),
    ...(answers ? { promptHidden: (q: string) => (asked.push(q), Promise.resolve(queue.shift() ?? '')) } : {}),
  };
}

describe('operator:add / operator:disable arguments', () => {
  it('reads the address, name and password, with or without the `--` pnpm passes through', () => {
    expect(parseOperatorAddArgs(['--', '--email', 'Ops@X.example', '--name', ' Olive ', '--password', 'long enough pass'])).toEqual({
      email: 'ops@x.example',
      name: 'Olive',
      password: 'long enough pass',
      generatePassword: false,
    });
    expect(parseOperatorAddArgs(['--email', 'ops@x.example', '--name', 'Olive', '--generate-password'])).toEqual({ email: 'ops@x.example', name: 'Olive', generatePassword: true });
    // no password flag: the command asks for it
    expect(parseOperatorAddArgs(['--email', 'ops@x.example', '--name', 'Olive'])).toEqual({ email: 'ops@x.example', name: 'Olive', generatePassword: false });
    expect(parseOperatorEmailArgs(['--', '--email', 'OPS@x.example'])).toEqual({ email: 'ops@x.example' });
  });

  it('says what is wrong with a command line', () => {
    expect(usageError(() => parseOperatorAddArgs(['--name', 'Olive']))).toMatch(/--email is required/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'not-an-address', '--name', 'Olive']))).toMatch(/"not-an-address" is not an email address/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'ops@x.example']))).toMatch(/--name is required/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'ops@x.example', '--name', '   ']))).toMatch(/--name is required/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'ops@x.example', '--name', 'O', '--password', 'short']))).toMatch(/at least 10 characters/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'ops@x.example', '--name', 'O', '--password', 'long enough pass', '--generate-password']))).toMatch(/not both/);
    expect(usageError(() => parseOperatorAddArgs(['--email', 'ops@x.example', '--name', 'O', '--admin']))).toMatch(/--admin/);
    expect(usageError(() => parseOperatorAddArgs(['ops@x.example']))).toMatch(/positional/i);
    expect(usageError(() => parseOperatorEmailArgs([]))).toMatch(/--email is required/);
  });
});

describeEachDb('operator:add and operator:disable against the database', (get) => {
  const throttle = () => loginThrottle(get().env);

  it('creates an operator and prints, once, the TOTP secret, URI, QR code and recovery codes that sign it in', async () => {
    const { db } = get().database;
    const io = recorder();
    await addOperatorCommand(db, { email: 'olive@ops.example', name: 'Olive', password: 'olive horse battery', generatePassword: false }, io, 'https://market.example/');
    const text = io.lines.join('\n');
    expect(text).toContain('Operator Olive <olive@ops.example> created.');
    expect(text).not.toContain('olive horse battery');
    const secret = /secret {2}([A-Z2-7 ]+)/.exec(text)?.[1]?.replace(/ /g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(text).toContain(`otpauth://totp/Makeries:olive%40ops.example?secret=${secret}&issuer=Makeries`);
    expect(text).toMatch(/[▀▄█]/);
    const codes = io.lines.filter((l) => /^ {2}[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2}$/.test(l)).map((l) => l.trim());
    expect(codes).toHaveLength(10);
    expect(text).toContain('Sign in at https://market.example/admin/sign-in');
    // what was printed is what signs in
    const s = await operatorSignIn(db, { email: 'olive@ops.example', password: 'olive horse battery', code: totpAt(secret, new Date()) }, { ip: '10.3.0.1', requestId: 't', throttle: throttle() });
    expect(s.operator.name).toBe('Olive');
    await expect(operatorSignIn(db, { email: 'olive@ops.example', password: 'olive horse battery', code: codes[3] ?? '' }, { ip: '10.3.0.1', requestId: 't', throttle: throttle() })).resolves.toHaveProperty('recoveryCodesLeft', 9);
  });

  it('generates and prints a password when asked, and asks for one (hidden, twice) otherwise', async () => {
    const { db } = get().database;
    const generated = recorder();
    await addOperatorCommand(db, { email: 'gen@ops.example', name: 'Gen', generatePassword: true }, generated, 'http://localhost:3000');
    const password = /Password \(generated, shown only now\): (\S+)/.exec(generated.lines.join('\n'))?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const [gen] = await db.select().from(operators).where(eq(operators.email, 'gen@ops.example'));
    const secret = gen?.totpSecret ?? '';
    await expect(operatorSignIn(db, { email: 'gen@ops.example', password, code: totpAt(secret, new Date()) }, { ip: '10.3.1.1', requestId: 't', throttle: throttle() })).resolves.toHaveProperty('operator');

    const typed = recorder(['typed at the prompt', 'typed at the prompt']);
    await addOperatorCommand(db, { email: 'typed@ops.example', name: 'Typed', generatePassword: false }, typed, 'http://localhost:3000');
    expect(typed.asked).toEqual(['Password for the new operator (hidden): ', 'The same password again: ']);
    expect(typed.lines.join('\n')).not.toContain('typed at the prompt');

    const before = await countRows(db, 'operators');
    const differ = await failure(addOperatorCommand(db, { email: 'differ@ops.example', name: 'D', generatePassword: false }, recorder(['first password!', 'second password']), ''));
    expect(differ.message).toMatch(/The two passwords differ/);
    const short = recorder(['short']);
    await expect(addOperatorCommand(db, { email: 'short@ops.example', name: 'S', generatePassword: false }, short, '')).rejects.toThrow(/at least 10 characters/);
    const noTerminal = await failure(addOperatorCommand(db, { email: 'pipe@ops.example', name: 'P', generatePassword: false }, recorder(), ''));
    expect(noTerminal.message).toMatch(/give --password or --generate-password/);
    expect(await countRows(db, 'operators')).toBe(before);
  });

  it('refuses an address an operator already has, in any case, with a clear message and nothing written', async () => {
    const { db } = get().database;
    await addOperatorCommand(db, { email: 'dup@ops.example', name: 'First', password: 'first password here', generatePassword: false }, recorder(), '');
    const before = { operators: await countRows(db, 'operators'), codes: await countRows(db, 'operator_recovery_codes') };
    const io = recorder();
    const err = await addOperatorCommand(db, { email: 'DUP@ops.example', name: 'Second', password: 'second password here', generatePassword: false }, io, '').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).message).toBe('There is already an operator with the email dup@ops.example.');
    expect(io.lines).toEqual([]);
    expect({ operators: await countRows(db, 'operators'), codes: await countRows(db, 'operator_recovery_codes') }).toEqual(before);
  });

  it('disables an operator: its sessions end, it cannot sign in, and the audit log has it; twice changes nothing', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    await operatorSessionCookie(db, op.operator.id);
    await operatorSessionCookie(db, op.operator.id);
    const io = recorder();
    await disableOperatorCommand(db, op.operator.email.toUpperCase(), io);
    expect(io.lines).toEqual([`The operator ${op.operator.email.toUpperCase()} is disabled: 2 sessions ended. Recorded in the audit log (operator.disabledFromCli).`]);
    expect(await db.select().from(sessions).where(eq(sessions.operatorId, op.operator.id))).toEqual([]);
    const audit = await db.select().from(operatorAudit).where(eq(operatorAudit.operatorId, op.operator.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'operator.disabledFromCli', targetType: 'operator', targetId: op.operator.id, before: { disabledAt: null } });
    const refused = await failure(operatorSignIn(db, { email: op.operator.email, password: op.password, code: op.codeAt(new Date()) }, { ip: '10.3.2.1', requestId: 't', throttle: throttle() }));
    expect(refused.code).toBe('INVALID_CREDENTIALS');

    const again = recorder();
    await disableOperatorCommand(db, op.operator.email, again);
    expect(again.lines[0]).toMatch(/already disabled; nothing changed/);
    expect(await db.select().from(operatorAudit).where(eq(operatorAudit.operatorId, op.operator.id))).toHaveLength(1);
    const unknown = await failure(disableOperatorCommand(db, 'nobody@ops.example', recorder()));
    expect([unknown.code, unknown.message]).toEqual(['NOT_FOUND', 'There is no operator with the email nobody@ops.example.']);
  });
});

describe('the operator:add script itself', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-operator-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const env = { ...inherited, NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const script = (name: string, args: string[]) =>
    run('npx', ['tsx', `src/ops/${name}.ts`, '--', ...args], { cwd: join(import.meta.dirname, '../..'), env }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: unknown) => {
        const failed = e as { code: number; stdout: string; stderr: string };
        return { code: failed.code, out: failed.stdout, err: failed.stderr };
      },
    );

  it('creates an operator in the configured database, then refuses the same address with a clear message', async () => {
    const made = await script('operator-add', ['--email', 'cli@ops.example', '--name', 'Cli', '--generate-password']);
    expect(made.code).toBe(0);
    expect(made.out).toContain('Operator Cli <cli@ops.example> created.');
    expect(made.out).toContain('otpauth://totp/');
    const dup = await script('operator-add', ['--email', 'cli@ops.example', '--name', 'Again', '--generate-password']);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('There is already an operator with the email cli@ops.example.');
    const usage = await script('operator-add', ['--email', 'cli@ops.example']);
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('--name is required');
    expect(usage.err).toContain('Usage: operator:add');
  }, 120_000);
});
