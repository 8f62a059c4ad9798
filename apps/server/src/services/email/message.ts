/**
 * RFC 5322 plain-text messages: UTF-8 body in quoted-printable (RFC 2045), non-ASCII header words as RFC 2047
 * encoded words, CRLF line ends. The same bytes go over SMTP and into `.eml` files.
 */

export interface MailMessage {
  /** bare address, e.g. `orders@example.com` */
  from: string;
  fromName?: string;
  /** bare address */
  to: string;
  toName?: string;
  subject: string;
  body: string;
  /** an HTML version of the same body (sent as multipart/alternative beside the text) */
  html?: string;
  /** unique id for the Message-ID header (the outbox row id) */
  id: string;
  date: Date;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** RFC 2047 "B" encoded words of at most ~72 characters, split on character boundaries. */
function encodeHeaderWords(text: string): string {
  if (ASCII_PRINTABLE.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function mailbox(address: string, name?: string): string {
  if (!name) return `<${address}>`;
  const display = ASCII_PRINTABLE.test(name) ? `"${name.replace(/[\\"]/g, '\\$&')}"` : encodeHeaderWords(name);
  return `${display} <${address}>`;
}

/** Quoted-printable of the UTF-8 bytes, hard line breaks as CRLF, soft breaks keeping lines ≤ 76 characters. */
function encodeQuotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.map(encodeQpLine).join('\r\n');
}

function encodeQpLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const tokens: string[] = [];
  bytes.forEach((b, i) => {
    const last = i === bytes.length - 1;
    const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
    tokens.push(plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  });
  const out: string[] = [];
  let current = '';
  for (const t of tokens) {
    if (current.length + t.length > 75) {
      out.push(`${current}=`);
      current = '';
    }
    current += t;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `Sun, 22 Nov 2026 10:04:05 +0000` */
function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

/** The full message, headers and body, CRLF line ends, no trailing dot-stuffing (that is SMTP's job). */
export function renderMessage(m: MailMessage): string {
  const domain = m.from.split('@')[1] ?? 'localhost';
  const headers = [
    `From: ${mailbox(m.from, m.fromName)}`,
    `To: ${mailbox(m.to, m.toName)}`,
    `Subject: ${encodeHeaderWords(m.subject)}`,
    `Date: ${rfc5322Date(m.date)}`,
    `Message-ID: <${m.id}@${domain}>`,
    'MIME-Version: 1.0',
  ];
  const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'];
  if (m.html === undefined) return `${[...headers, ...textPart].join('\r\n')}\r\n\r\n${encodeQuotedPrintable(m.body)}\r\n`;
  const boundary = `=_alt_${m.id}`;
  return [
    [...headers, `Content-Type: multipart/alternative; boundary="${boundary}"`].join('\r\n'),
    '',
    `--${boundary}`,
    ...textPart,
    '',
    encodeQuotedPrintable(m.body),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(m.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Rejects header injection: an address is one line with one `@`. */
export function isPlainAddress(address: string): boolean {
  return /^[^\s<>@",;]+@[^\s<>@",;]+$/.test(address);
}
