import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../../env';
import { renderMessage, type MailMessage } from './message';
import { parseSmtpUrl, sendSmtp, type SmtpOptions } from './smtp';

/** Where outgoing mail goes: an SMTP server, or `.eml` files for development and tests. */
export interface MailTransport {
  readonly description: string;
  send(message: MailMessage): Promise<void>;
}

export function smtpTransport(opts: SmtpOptions): MailTransport {
  const t = parseSmtpUrl(opts.url);
  return {
    description: `SMTP ${t.secure ? 'smtps' : 'smtp'}://${t.host}:${t.port}`,
    send: (m) => sendSmtp(opts, { from: m.from, to: [m.to], data: renderMessage(m) }),
  };
}

/** One `<id>.eml` per message, written whole (temp file + rename) so a reader never sees half a message. */
export function fileTransport(dir: string): MailTransport {
  return {
    description: `files in ${dir}`,
    async send(m) {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${m.id}.eml`);
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, renderMessage(m), 'utf8');
      await rename(temp, file);
    },
  };
}

export function mailDir(env: Env): string {
  return join(env.DATA_DIR, 'mail');
}

/** SMTP_URL set → SMTP; otherwise `.eml` files under DATA_DIR/mail. */
export function transportFromEnv(env: Env): MailTransport {
  return env.SMTP_URL ? smtpTransport({ url: env.SMTP_URL }) : fileTransport(mailDir(env));
}

/** The sender address: `from` in SMTP_URL's query (`?from=orders@shop.example`), else no-reply at PUBLIC_URL's host. */
export function senderAddress(env: Env): string {
  const from = env.SMTP_URL ? new URL(env.SMTP_URL).searchParams.get('from') : null;
  return from ?? `no-reply@${new URL(env.PUBLIC_URL).hostname}`;
}
