import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage } from './message';
import { dotStuff, parseSmtpUrl, sendSmtp, SmtpError } from './smtp';
import { decodeHeader, parseMessage, selfSignedCert, startFakeSmtp, type FakeSmtpServer } from './smtp.test-kit';

const message = (body: string) =>
  renderMessage({
    id: '0190f0aa-0000-7000-8000-000000000001',
    from: 'orders@makeries.test',
    fromName: 'Makeries',
    to: 'ada@example.test',
    subject: 'Your order W-0001 from Café Crème',
    body,
    date: new Date('2026-11-22T10:04:05Z'),
  });

describe('SMTP client', () => {
  let server: FakeSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('logs in with AUTH PLAIN and delivers the exact message, dot-stuffed on the wire', async () => {
    server = await startFakeSmtp();
    const url = server.url.replace('smtp://', 'smtp://shop%40mail:p%3Ass@');
    // a line that is only "." would end DATA early unless stuffed
    const data = message('Line one\n.\n..two dots\nTotal: £7.00');
    await sendSmtp({ url }, { from: 'orders@makeries.test', to: ['ada@example.test'], data });
    expect(server.received).toEqual([{ auth: '\0shop@mail\0p:ss', from: 'orders@makeries.test', to: ['ada@example.test'], data }]);
    expect(server.commands.map((c) => c.split(' ')[0])).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    const parsed = parseMessage(server.received[0]!.data);
    expect(parsed.headers.to).toBe('<ada@example.test>');
    expect(parsed.headers.date).toBe('Sun, 22 Nov 2026 10:04:05 +0000');
    expect(decodeHeader(parsed.headers.subject!)).toBe('Your order W-0001 from Café Crème');
    expect(parsed.body).toBe('Line one\r\n.\r\n..two dots\r\nTotal: £7.00\r\n');
  });

  it('skips AUTH when the URL has no user', async () => {
    server = await startFakeSmtp();
    await sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('hi') });
    expect(server.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
    expect(server.received).toHaveLength(1);
  });

  it('talks TLS for smtps://', async () => {
    const cert = selfSignedCert();
    server = await startFakeSmtp({ tls: cert });
    expect(server.url.startsWith('smtps://')).toBe(true);
    await sendSmtp({ url: server.url, tls: { ca: cert.cert } }, { from: 'a@b.test', to: ['c@d.test'], data: message('secure') });
    expect(parseMessage(server.received[0]!.data).body).toBe('secure\r\n');
    // an untrusted certificate is refused, not silently accepted
    await expect(sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') })).rejects.toThrow(/certificate/i);
  });

  it('a 4xx answer is an SmtpError with the code and the server text', async () => {
    server = await startFakeSmtp({ answer: (c) => (c.startsWith('RCPT') ? '451 4.3.0 try again later' : undefined) });
    const err = await sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).code).toBe(451);
    expect((err as SmtpError).message).toContain('try again later');
    expect(server.received).toHaveLength(0);
  });

  it('a refused connection fails with a clear error', async () => {
    server = await startFakeSmtp();
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(sendSmtp({ url }, { from: 'a@b.test', to: ['c@d.test'], data: 'x' })).rejects.toThrow(/ECONNREFUSED|closed/);
  });

  it('parses smtp and smtps URLs with default ports and rejects others', () => {
    expect(parseSmtpUrl('smtp://mail.example')).toMatchObject({ secure: false, host: 'mail.example', port: 25, user: '' });
    expect(parseSmtpUrl('smtps://u:p@mail.example')).toMatchObject({ secure: true, port: 465, user: 'u', password: 'p' });
    expect(() => parseSmtpUrl('http://mail.example')).toThrow(/smtp:\/\//);
    expect(() => parseSmtpUrl('not a url')).toThrow(/SMTP_URL/);
  });

  it('dot-stuffs only leading dots and terminates with CRLF.CRLF', () => {
    expect(dotStuff('a\r\n.b\r\nc.d')).toBe('a\r\n..b\r\nc.d\r\n.\r\n');
  });
});
