import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage } from './message';
import { nodemailerOptions, parseSmtpUrl, sendSmtp, SmtpError } from './smtp';
import { decodeHeader, parseMessage, selfSignedCert, startFakeSmtp, type FakeSmtpServer } from './smtp-test-kit';

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

const withUser = (url: string) => url.replace(/^(smtps?):\/\//, '$1://shop%40mail:p%3Ass@');

describe('SMTP delivery (nodemailer)', () => {
  let server: FakeSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('with credentials on smtp:// upgrades with STARTTLS before AUTH, and delivers the exact message, dot-stuffed on the wire', async () => {
    const cert = selfSignedCert();
    server = await startFakeSmtp({ starttls: cert });
    // a line that is only "." would end DATA early unless stuffed
    const data = message('Line one\n.\n..two dots\nTotal: £7.00');
    await sendSmtp({ url: withUser(server.url), tls: { ca: cert.cert } }, { from: 'orders@makeries.test', to: ['ada@example.test'], data });
    expect(server.received).toEqual([{ auth: '\0shop@mail\0p:ss', from: 'orders@makeries.test', to: ['ada@example.test'], data }]);
    expect(server.secure).toEqual([true]);
    const verbs = server.commands.map((c) => c.split(' ')[0]);
    expect(verbs.indexOf('STARTTLS')).toBeGreaterThan(-1);
    expect(verbs.indexOf('STARTTLS')).toBeLessThan(verbs.indexOf('AUTH'));
    const parsed = parseMessage(server.received[0]!.data);
    expect(parsed.headers.to).toBe('<ada@example.test>');
    expect(parsed.headers.date).toBe('Sun, 22 Nov 2026 10:04:05 +0000');
    expect(decodeHeader(parsed.headers.subject!)).toBe('Your order W-0001 from Café Crème');
    expect(parsed.body).toBe('Line one\r\n.\r\n..two dots\r\nTotal: £7.00\r\n');
  });

  it('refuses to send credentials to a server that offers no STARTTLS, before any AUTH', async () => {
    server = await startFakeSmtp();
    await expect(sendSmtp({ url: withUser(server.url) }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') })).rejects.toThrow(/STARTTLS/i);
    expect(server.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('without credentials a plain server is fine, and no AUTH is sent', async () => {
    server = await startFakeSmtp();
    await sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('hi') });
    expect(server.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
    expect(server.received).toHaveLength(1);
  });

  it('talks TLS for smtps:// and refuses an untrusted certificate', async () => {
    const cert = selfSignedCert();
    server = await startFakeSmtp({ tls: cert });
    expect(server.url.startsWith('smtps://')).toBe(true);
    await sendSmtp({ url: withUser(server.url), tls: { ca: cert.cert } }, { from: 'a@b.test', to: ['c@d.test'], data: message('secure') });
    expect(parseMessage(server.received[0]!.data).body).toBe('secure\r\n');
    expect(server.received[0]!.auth).toBe('\0shop@mail\0p:ss');
    await expect(sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') })).rejects.toThrow(/certificate/i);
  });

  it('an error answer is an SmtpError with the code: 4xx transient, 5xx permanent', async () => {
    server = await startFakeSmtp({ answer: (c) => (c.startsWith('RCPT') ? '451 4.3.0 try again later' : undefined) });
    const transient = await sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') }).catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(SmtpError);
    expect((transient as SmtpError).code).toBe(451);
    expect((transient as SmtpError).permanent).toBe(false);
    expect((transient as SmtpError).message).toContain('try again later');
    await server.close();
    server = await startFakeSmtp({ answer: (c) => (c.startsWith('RCPT') ? '550 5.1.1 no such mailbox' : undefined) });
    const permanent = await sendSmtp({ url: server.url }, { from: 'a@b.test', to: ['c@d.test'], data: message('x') }).catch((e: unknown) => e);
    expect((permanent as SmtpError).code).toBe(550);
    expect((permanent as SmtpError).permanent).toBe(true);
    expect(server.received).toHaveLength(0);
  });

  it('a refused connection fails with a clear error', async () => {
    server = await startFakeSmtp();
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(sendSmtp({ url }, { from: 'a@b.test', to: ['c@d.test'], data: 'x' })).rejects.toThrow(/ECONNREFUSED|closed/);
  });

  it('parses smtp and smtps URLs with default ports, requires TLS exactly when credentials go over smtp://, rejects others', () => {
    expect(parseSmtpUrl('smtp://mail.example')).toMatchObject({ secure: false, host: 'mail.example', port: 25, user: '' });
    expect(parseSmtpUrl('smtps://u:p@mail.example')).toMatchObject({ secure: true, port: 465, user: 'u', password: 'p' });
    expect(nodemailerOptions(parseSmtpUrl('smtp://u:p@mail.example:587'), {})).toMatchObject({ requireTLS: true, secure: false, auth: { user: 'u', pass: 'p' } });
    expect(nodemailerOptions(parseSmtpUrl('smtp://mail.example'), {})).toMatchObject({ requireTLS: false });
    expect(nodemailerOptions(parseSmtpUrl('smtps://u:p@mail.example'), {})).toMatchObject({ requireTLS: false, secure: true });
    expect(() => parseSmtpUrl('http://mail.example')).toThrow(/smtp:\/\//);
    expect(() => parseSmtpUrl('not a url')).toThrow(/SMTP_URL/);
  });
});
