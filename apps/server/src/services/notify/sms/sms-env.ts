import { z } from 'zod';

/**
 * The SMS provider (issue 18): a Twilio-compatible Messages API. All of SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and
 * SMS_FROM, or none (then no texts are sent and the storefront says so). SMS_FROM is the sending number in E.164,
 * a Messaging Service SID (MG…), or an alphanumeric sender id (up to 11 letters and digits; it cannot receive STOP).
 */
export const smsEnv = {
  SMS_BASE_URL: z.url().default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().trim().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().trim().min(1).optional(),
  SMS_FROM: z
    .string()
    .trim()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/, 'SMS_FROM is a number like +447700900123, a Messaging Service SID (MG…) or a sender name of up to 11 letters')
    .optional(),
  /** texts per number per rolling hour; the rest are recorded as skipped "rate limited" */
  SMS_HOURLY_LIMIT: z.coerce.number().int().min(1).max(100).default(5),
};

type SmsEnv = z.output<z.ZodObject<typeof smsEnv>>;

export interface SmsConfig {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** a Messaging Service SID is sent as MessagingServiceSid, anything else as From */
  from: string;
  hourlyLimit: number;
}

/** The provider's settings, or null when texts are not configured; throws when only some are set. */
export function smsConfig(env: SmsEnv): SmsConfig | null {
  const set = [env.SMS_ACCOUNT_SID, env.SMS_AUTH_TOKEN, env.SMS_FROM].filter((v) => v !== undefined).length;
  if (set === 0) return null;
  if (set < 3 || !env.SMS_ACCOUNT_SID || !env.SMS_AUTH_TOKEN || !env.SMS_FROM) {
    throw new Error('Invalid configuration:\n  SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM: set all three to send texts, or none');
  }
  return { baseUrl: env.SMS_BASE_URL.replace(/\/+$/, ''), accountSid: env.SMS_ACCOUNT_SID, authToken: env.SMS_AUTH_TOKEN, from: env.SMS_FROM, hourlyLimit: env.SMS_HOURLY_LIMIT };
}
