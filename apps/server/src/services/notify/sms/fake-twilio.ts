import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Twilio's Messages API, for tests (never imported by the server itself). It checks what
 * Twilio checks — HTTP Basic auth with the account SID and auth token, the form fields — records the texts, can be
 * told to fail the next sends (503, 429, or a Twilio error such as 21610), and sends an inbound text to our
 * webhook the way Twilio does: form-encoded, signed with X-Twilio-Signature. Its signing code is written apart
 * from the server's check on purpose, so a mistake in one is caught by the other.
 */
interface FakeText {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
}

export interface FakeTwilio {
  /** for SMS_BASE_URL */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** the server's SMS_* settings pointing at this fake */
  env: Record<string, string>;
  texts: FakeText[];
  /** the To of every authorised send request, sent or refused */
  requests: string[];
  /** the next `times` sends answer with this (HTTP status, Twilio code) instead of sending */
  failNext(answer: { status: number; code?: number; message?: string }, times?: number): void;
  /** the provider's own opt-out list (Twilio's Advanced Opt-Out): sends to these answer 21610 */
  unsubscribed: Set<string>;
  /** a text from `from` to our number, POSTed to `webhookUrl` signed for `signedUrl` (default: the same URL) */
  inbound(opts: { webhookUrl: string; signedUrl?: string; from: string; body: string; authToken?: string; tamper?: boolean }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const OPT_OUT = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
const OPT_IN = ['START', 'UNSTOP', 'YES'];

/** Twilio's documented scheme: HMAC-SHA1(auth token, URL + each POST parameter name and value, sorted by name), base64. */
function sign(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + (params[name] ?? '');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Every answer closes its connection: a kept-alive socket that the server times out just as the client reuses it
 * fails the next send as a network error (a real, retried failure — but not one a test should meet by chance).
 */
function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify(body));
}

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  answer(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${String(code)}`, status });
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = sid('AC');
  const authToken = randomBytes(16).toString('hex');
  const from = '+447700900001';
  const texts: FakeText[] = [];
  const requests: string[] = [];
  const failures: { status: number; code?: number; message?: string }[] = [];
  const unsubscribed = new Set<string>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const server = createServer((req, res) => {
    void (async () => {
      const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      if (req.method !== 'POST' || !req.url?.startsWith('/2010-04-01/Accounts/')) {
        twilioError(res, 404, 20404, 'The requested resource was not found');
        return;
      }
      if (req.headers.authorization !== expectedAuth) {
        twilioError(res, 401, 20003, 'Authenticate');
        return;
      }
      if (req.url !== path) {
        twilioError(res, 404, 20404, 'The requested resource was not found');
        return;
      }
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        twilioError(res, 400, 20001, 'Form-encoded parameters expected');
        return;
      }
      const form = new URLSearchParams(await readBody(req));
      requests.push(form.get('To') ?? '');
      const failure = failures.shift();
      if (failure) {
        if (failure.code === undefined) {
          res.writeHead(failure.status, { 'content-type': 'text/plain', connection: 'close' });
          res.end(failure.message ?? 'Service Unavailable');
          return;
        }
        twilioError(res, failure.status, failure.code, failure.message ?? 'Scripted failure');
        return;
      }
      const to = form.get('To') ?? '';
      const body = form.get('Body') ?? '';
      const sender = form.get('From');
      const service = form.get('MessagingServiceSid');
      if (!/^\+[1-9]\d{6,14}$/.test(to)) {
        twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
        return;
      }
      if (!sender && !service) {
        twilioError(res, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
        return;
      }
      if (body === '') {
        twilioError(res, 400, 21602, 'Message body is required.');
        return;
      }
      if (body.length > 1600) {
        twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
        return;
      }
      if (unsubscribed.has(to)) {
        twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
        return;
      }
      const text: FakeText = { sid: sid('SM'), to, from: sender, messagingServiceSid: service, body };
      texts.push(text);
      answer(res, 201, { sid: text.sid, account_sid: accountSid, to, from: sender, messaging_service_sid: service, body, status: 'queued', direction: 'outbound-api', error_code: null, error_message: null });
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${String(port)}`;

  return {
    baseUrl,
    accountSid,
    authToken,
    from,
    env: { SMS_BASE_URL: baseUrl, SMS_ACCOUNT_SID: accountSid, SMS_AUTH_TOKEN: authToken, SMS_FROM: from },
    texts,
    requests,
    unsubscribed,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    async inbound({ webhookUrl, signedUrl, from: sender, body, authToken: key, tamper }) {
      const params: Record<string, string> = {
        ToCountry: 'GB',
        SmsMessageSid: sid('SM'),
        NumMedia: '0',
        SmsSid: sid('SM'),
        SmsStatus: 'received',
        Body: body,
        To: from,
        NumSegments: '1',
        MessageSid: sid('SM'),
        AccountSid: accountSid,
        From: sender,
        ApiVersion: '2010-04-01',
      };
      // Twilio's Advanced Opt-Out keeps its own list as well
      const word = body.trim().toUpperCase();
      if (OPT_OUT.includes(word)) unsubscribed.add(sender);
      if (OPT_IN.includes(word)) unsubscribed.delete(sender);
      const signature = sign(key ?? authToken, signedUrl ?? webhookUrl, params);
      const sent = tamper ? { ...params, Body: `${body} ` } : params;
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(sent).toString(),
      });
      return { status: res.status, body: await res.text() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
