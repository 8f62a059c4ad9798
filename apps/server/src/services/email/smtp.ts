import net from 'node:net';
import { hostname } from 'node:os';
import tls from 'node:tls';

/**
 * A small SMTP client (RFC 5321): EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT.
 * `smtp://user:pass@host:25` talks plain TCP, `smtps://…:465` implicit TLS. One connection per message.
 */

export interface SmtpOptions {
  /** `smtp://[user:password@]host[:port]` or `smtps://…` */
  url: string;
  /** no answer for this long fails the send; default 30 s */
  timeoutMs?: number;
  /** extra TLS options for smtps (a private CA, a test certificate) */
  tls?: tls.ConnectionOptions;
}

export interface SmtpEnvelope {
  from: string;
  to: string[];
  /** the complete RFC 5322 message with CRLF line ends */
  data: string;
}

/** The server answered with an unexpected code; 4xx are transient by RFC 5321, 5xx permanent. */
export class SmtpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpError';
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

/** Lines starting with `.` get another `.`; the message ends with CRLF.CRLF (RFC 5321 §4.5.2). */
export function dotStuff(data: string): string {
  const body = data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  return `${body.endsWith('\r\n') ? body : `${body}\r\n`}.\r\n`;
}

/** Reads whole replies (multi-line `250-…` up to `250 …`) from the socket. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, i).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(i + 1);
      }
      this.wake();
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('The mail server closed the connection')));
  }

  fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.resolve();
  }

  async reply(): Promise<{ code: number; text: string }> {
    const text: string[] = [];
    for (;;) {
      const line = this.lines.shift();
      if (line === undefined) {
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
        continue;
      }
      const m = /^(\d{3})([ -])?(.*)$/.exec(line);
      if (!m) throw new SmtpError(0, `The mail server sent something that is not SMTP: ${line.slice(0, 80)}`);
      text.push(m[3] ?? '');
      if (m[2] !== '-') return { code: Number(m[1]), text: text.join('\n') };
    }
  }
}

function connect(t: SmtpTarget, opts: SmtpOptions): net.Socket {
  if (t.secure) return tls.connect({ host: t.host, port: t.port, servername: net.isIP(t.host) ? undefined : t.host, ...opts.tls });
  return net.connect({ host: t.host, port: t.port });
}

export async function sendSmtp(opts: SmtpOptions, envelope: SmtpEnvelope): Promise<void> {
  const target = parseSmtpUrl(opts.url);
  const socket = connect(target, opts);
  const reader = new ReplyReader(socket);
  socket.setTimeout(opts.timeoutMs ?? 30_000, () => {
    reader.fail(new Error('The mail server did not answer in time'));
    socket.destroy();
  });
  const expect = async (step: string, ok: (code: number) => boolean): Promise<string> => {
    const r = await reader.reply();
    if (!ok(r.code)) throw new SmtpError(r.code, `${step} failed: ${r.code} ${r.text}`);
    return r.text;
  };
  const command = async (line: string, step: string, ok: (code: number) => boolean): Promise<string> => {
    socket.write(`${line}\r\n`);
    return expect(step, ok);
  };
  const is2xx = (c: number) => c >= 200 && c < 300;
  try {
    await expect('Greeting', (c) => c === 220);
    await command(`EHLO ${hostname() || 'localhost'}`, 'EHLO', is2xx);
    if (target.user) {
      const token = Buffer.from(`\0${target.user}\0${target.password}`, 'utf8').toString('base64');
      await command(`AUTH PLAIN ${token}`, 'Login', (c) => c === 235);
    }
    await command(`MAIL FROM:<${envelope.from}>`, 'MAIL FROM', is2xx);
    for (const to of envelope.to) await command(`RCPT TO:<${to}>`, `RCPT TO ${to}`, is2xx);
    await command('DATA', 'DATA', (c) => c === 354);
    await command(dotStuff(envelope.data).replace(/\r\n$/, ''), 'Sending the message', is2xx);
    // the message is accepted; a failed QUIT changes nothing
    await command('QUIT', 'QUIT', () => true).catch(() => '');
  } finally {
    socket.destroy();
  }
}
