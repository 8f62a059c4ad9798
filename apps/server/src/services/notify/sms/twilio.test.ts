import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../../test/harness';
import { startFakeTwilio } from './fake-twilio';
import { twilioSignature } from './inbound';
import { SmsSendError, type SmsErrorKind } from './provider';
import { smsConfig, type SmsConfig } from './sms-env';
import { createTwilioProvider } from './twilio';

const fake = await startFakeTwilio();
afterAll(() => fake.close());

const config = (over: Partial<SmsConfig> = {}): SmsConfig => ({ baseUrl: fake.baseUrl, accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from, hourlyLimit: 5, ...over });

async function kindOf(call: Promise<unknown>): Promise<{ kind: SmsErrorKind; transient: boolean; code: number | null }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof SmsSendError) return { kind: e.kind, transient: e.transient, code: e.providerCode };
    throw e;
  }
  throw new Error('expected the send to fail');
}

describe('the Twilio Messages API provider', () => {
  it('sends To, From and Body with Basic auth and answers the message sid', async () => {
    const { id } = await createTwilioProvider(config()).send({ to: '+447700900301', body: 'Order M-1 is ready.' });
    expect(id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.texts.at(-1)).toEqual({ sid: id, to: '+447700900301', from: fake.from, messagingServiceSid: null, body: 'Order M-1 is ready.' });
  });

  it('sends a Messaging Service SID as MessagingServiceSid', async () => {
    const service = `MG${'a'.repeat(32)}`;
    await createTwilioProvider(config({ from: service })).send({ to: '+447700900302', body: 'Hi' });
    expect(fake.texts.at(-1)).toMatchObject({ from: null, messagingServiceSid: service });
  });

  it('types the refusals: permanent (invalid number, unsubscribed, unauthorised) and transient (429, 5xx, network)', async () => {
    const p = createTwilioProvider(config());
    const send = () => p.send({ to: '+447700900303', body: 'Hi' });
    expect(await kindOf(p.send({ to: '07700 900303', body: 'Hi' }))).toEqual({ kind: 'invalid_number', transient: false, code: 21211 });
    fake.unsubscribed.add('+447700900303');
    expect(await kindOf(send())).toEqual({ kind: 'opted_out', transient: false, code: 21610 });
    fake.unsubscribed.delete('+447700900303');
    expect(await kindOf(createTwilioProvider(config({ authToken: 'wrong' })).send({ to: '+447700900303', body: 'Hi' }))).toEqual({ kind: 'unauthorised', transient: false, code: 20003 });
    fake.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    expect(await kindOf(send())).toEqual({ kind: 'rate_limited', transient: true, code: 20429 });
    fake.failNext({ status: 503 });
    expect(await kindOf(send())).toEqual({ kind: 'unavailable', transient: true, code: null });
    fake.failNext({ status: 400, code: 30007, message: 'Message filtered' });
    expect(await kindOf(send())).toEqual({ kind: 'rejected', transient: false, code: 30007 });
    expect(await kindOf(createTwilioProvider(config({ baseUrl: 'http://127.0.0.1:9' })).send({ to: '+447700900303', body: 'Hi' }))).toMatchObject({ kind: 'network', transient: true });
  });
});

describe('SMS settings', () => {
  it('are all three or none: none means no texts', () => {
    expect(smsConfig(testEnv())).toBeNull();
    expect(smsConfig(testEnv(fake.env))).toMatchObject({ baseUrl: fake.baseUrl, hourlyLimit: 5 });
    expect(() => testEnv({ SMS_ACCOUNT_SID: 'AC1', SMS_AUTH_TOKEN: 'x' })).toThrow(/set all three/);
    expect(() => testEnv({ ...fake.env, SMS_FROM: 'not a sender id!' })).toThrow(/SMS_FROM/);
    expect(smsConfig(testEnv({ ...fake.env, SMS_BASE_URL: 'https://sms.example/', SMS_HOURLY_LIMIT: '3' }))).toMatchObject({ baseUrl: 'https://sms.example', hourlyLimit: 3 });
  });
});

describe('the X-Twilio-Signature', () => {
  it('matches the worked example of Twilio’s documented scheme (URL + sorted name/value pairs, HMAC-SHA1, base64)', () => {
    const params: [string, string][] = [
      ['CallSid', 'CA1234567890ABCDE'],
      ['Caller', '+12349013030'],
      ['Digits', '1234'],
      ['From', '+12349013030'],
      ['To', '+18005551212'],
    ];
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', [...params].reverse())).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });
});
