import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

/** What the fake server saw for one accepted message. */
interface ReceivedMail {
  auth: string | null;
  from: string;
  to: string[];
  /** the message as the client meant it: dot-unstuffed, without the terminating `.` line */
  data: string;
}

export interface FakeSmtpServer {
  url: string;
  /** whether each accepted message came over TLS (smtps or after STARTTLS) */
  secure: boolean[];
  received: ReceivedMail[];
  /** every command line, in order */
  commands: string[];
  close(): Promise<void>;
}

export interface FakeSmtpOptions {
  /** answer a command with this instead of the usual; called for every command line */
  answer?: (command: string) => string | undefined;
  tls?: { key: string; cert: string };
  /** offer STARTTLS on plain smtp:// and upgrade with this certificate */
  starttls?: { key: string; cert: string };
}

/** A minimal RFC 5321 server on loopback: enough to check what a client really sends. */
export async function startFakeSmtp(opts: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const received: ReceivedMail[] = [];
  const commands: string[] = [];
  const secure: boolean[] = [];
  const onSocket = (plain: net.Socket) => {
    let socket: net.Socket = plain;
    let secured = false;
    let buffer = '';
    let inData = false;
    let dataLines: string[] = [];
    let mail: ReceivedMail = { auth: null, from: '', to: [], data: '' };
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 fake.test ESMTP ready');
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const custom = opts.answer?.('.');
            if (custom) say(custom);
            else {
              received.push({ ...mail, data: `${dataLines.join('\r\n')}\r\n` });
              secure.push(secured || Boolean(opts.tls));
              say('250 2.0.0 queued');
            }
            dataLines = [];
          } else dataLines.push(line.startsWith('.') ? line.slice(1) : line);
          continue;
        }
        commands.push(line);
        const custom = opts.answer?.(line);
        if (custom) {
          say(custom);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          say('250-fake.test hello');
          if (opts.starttls && !secured) say('250-STARTTLS');
          say('250-AUTH PLAIN');
          say('250 8BITMIME');
        } else if (verb === 'AUTH') {
          mail.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          say('235 2.7.0 ok');
        } else if (verb === 'MAIL') {
          mail = { auth: mail.auth, from: /<(.*)>/.exec(line)?.[1] ?? '', to: [], data: '' };
          say('250 ok');
        } else if (verb === 'RCPT') {
          mail.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
          say('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 go ahead');
        } else if (verb === 'STAR' && opts.starttls && !secured) {
          say('220 2.0.0 go ahead');
          plain.removeListener('data', onData);
          secured = true;
          socket = new tls.TLSSocket(plain, { isServer: true, key: opts.starttls.key, cert: opts.starttls.cert });
          socket.on('data', onData);
          socket.on('error', () => {});
          return;
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else say('502 unknown');
      }
    };
    plain.on('data', onData);
    plain.on('error', () => {});
  };
  const server = opts.tls ? tls.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onSocket) : net.createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${opts.tls ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    received,
    secure,
    commands,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A throwaway self-signed certificate for 127.0.0.1, made with the system openssl. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mk-smtp-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/** Decodes a quoted-printable body back to text (independent of the module under test). */
function decodeQuotedPrintable(qp: string): string {
  const joined = qp.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i];
    if (ch === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits a message into its headers (unfolded) and decoded body. */
export function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const c = line.indexOf(':');
    headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body: decodeQuotedPrintable(raw.slice(split + 4)) };
}

/** RFC 2047 encoded words → text (for asserting non-ASCII subjects). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}
