import type tls from 'node:tls';
import nodemailer from 'nodemailer';

/**
 * SMTP delivery through nodemailer. `smtp://user:pass@host:587` must upgrade with STARTTLS before it logs in
 * (`requireTLS`: credentials never travel in clear; a server without STARTTLS fails the send), `smtps://…:465`
 * is TLS from the start, `smtp://host:25` without credentials may stay plain. One connection per message.
 */

export interface SmtpOptions {
  /** `smtp://[user:password@]host[:port]` or `smtps://…` */
  url: string;
  /** no answer for this long fails the send; default 30 s */
  timeoutMs?: number;
  /** extra TLS options (a private CA, a test certificate) for smtps and STARTTLS */
  tls?: tls.ConnectionOptions;
}

export interface SmtpEnvelope {
  from: string;
  to: string[];
  /** the complete RFC 5322 message with CRLF line ends */
  data: string;
}

/** The server answered with an error code: 4xx are transient by RFC 5321, 5xx permanent (`permanent`). */
export class SmtpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpError';
  }

  get permanent(): boolean {
    return this.code >= 500 && this.code < 600;
  }
}

interface SmtpTarget {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
}

export function parseSmtpUrl(url: string): SmtpTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${u.protocol}//`);
  if (!u.hostname) throw new Error('SMTP_URL has no host');
  const secure = u.protocol === 'smtps:';
  return {
    secure,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** nodemailer's options for a target: STARTTLS required whenever there are credentials on plain smtp://. */
export function nodemailerOptions(t: SmtpTarget, opts: Pick<SmtpOptions, 'timeoutMs' | 'tls'>) {
  const timeout = opts.timeoutMs ?? 30_000;
  return {
    host: t.host,
    port: t.port,
    secure: t.secure,
    requireTLS: !t.secure && t.user !== '',
    ...(t.user ? { auth: { user: t.user, pass: t.password } } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

export async function sendSmtp(opts: SmtpOptions, envelope: SmtpEnvelope): Promise<void> {
  const transporter = nodemailer.createTransport(nodemailerOptions(parseSmtpUrl(opts.url), opts));
  try {
    await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw: envelope.data });
  } catch (e) {
    const code = (e as { responseCode?: unknown }).responseCode;
    const message = e instanceof Error ? e.message : String(e);
    if (typeof code === 'number') throw new SmtpError(code, message);
    throw e instanceof Error ? e : new Error(message);
  } finally {
    transporter.close();
  }
}
