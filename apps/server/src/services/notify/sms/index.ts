import type { Db } from '../../../db/client';
import type { Env } from '../../../env';
import type { Channel } from '../channel';
import { createSmsChannel } from './channel';
import { smsConfig } from './sms-env';
import { createTwilioProvider } from './twilio';

/** The SMS channel when a provider is configured (SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM), else none. */
export function smsChannels(db: Db, env: Env): Channel[] {
  const config = smsConfig(env);
  return config ? [createSmsChannel(db, createTwilioProvider(config), { hourlyLimit: config.hourlyLimit })] : [];
}

export { setSmsSettings, smsSettings } from './consent';
export { smsConfig } from './sms-env';
