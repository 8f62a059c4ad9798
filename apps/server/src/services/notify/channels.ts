import type { Db } from '../../db/client';
import type { Env } from '../../env';
import type { Channel } from './channel';
import { createEmailChannel } from './email-channel';
import { createPushChannel } from './push-channel';
import { smsChannels } from './sms/index';

/** Every channel this server sends notifications on (the delivery job's list): email, web push, and texts when configured. */
export function notifyChannels(db: Db, env: Env): Channel[] {
  return [createEmailChannel(db, env), createPushChannel(db, env), ...smsChannels(db, env)];
}
