import { SmsSendError, type SmsErrorKind, type SmsProvider } from './provider';
import type { SmsConfig } from './sms-env';

const TIMEOUT_MS = 15_000;

/** Twilio's error codes we act on (https://www.twilio.com/docs/api/errors). */
const INVALID_NUMBER_CODES = new Set([21211, 21614, 21217, 21401, 21612, 21408]);
const OPTED_OUT = 21610;
const TOO_MANY_REQUESTS = 20429;
const AUTHENTICATION = 20003;

interface TwilioAnswer {
  sid?: unknown;
  code?: unknown;
  message?: unknown;
}

function kindOf(status: number, code: number | null): SmsErrorKind {
  if (code === OPTED_OUT) return 'opted_out';
  if (code === TOO_MANY_REQUESTS || status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (code === AUTHENTICATION || status === 401 || status === 403) return 'unauthorised';
  if (code !== null && INVALID_NUMBER_CODES.has(code)) return 'invalid_number';
  return 'rejected';
}

/**
 * The Twilio Messages API (`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded To, From or
 * MessagingServiceSid, Body; HTTP Basic auth with the account SID and auth token). Also any API that copies it.
 */
export function createTwilioProvider(config: SmsConfig, fetchImpl: typeof fetch = fetch): SmsProvider {
  const url = `${config.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  const sender: [string, string] = /^MG[0-9a-f]{32}$/i.test(config.from) ? ['MessagingServiceSid', config.from] : ['From', config.from];
  return {
    async send({ to, body }) {
      const form = new URLSearchParams([['To', to], sender, ['Body', body]]);
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        throw new SmsSendError('network', `the SMS provider could not be reached: ${err instanceof Error ? err.message : String(err)}`);
      }
      const answer = (await res.json().catch(() => ({}))) as TwilioAnswer;
      if (res.ok && typeof answer.sid === 'string' && answer.sid !== '') return { id: answer.sid };
      const code = typeof answer.code === 'number' ? answer.code : null;
      const message = typeof answer.message === 'string' ? answer.message : res.ok ? 'answered without a message id' : `answered HTTP ${String(res.status)}`;
      throw new SmsSendError(res.ok ? 'unavailable' : kindOf(res.status, code), `SMS provider: ${message}${code === null ? '' : ` (${String(code)})`}`, code);
    },
  };
}
