import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { securityEvent } from '../security/events';
import { handleInboundText, validTwilioSignature } from '../services/notify/sms/inbound';
import { smsConfig } from '../services/notify/sms/sms-env';

export const SMS_WEBHOOK_PATH = '/webhooks/sms';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface SmsWebhookOptions {
  database: Database;
  env: Env;
}

/**
 * POST /webhooks/sms: the provider's "a text came in" webhook (Twilio's form-encoded From/To/Body), set as the
 * sending number's or Messaging Service's incoming-message URL: `PUBLIC_URL` + /webhooks/sms. The X-Twilio-Signature
 * is checked against that URL (as Twilio signed it, whatever proxies sit between) and the parameters before
 * anything is read; a bad one is refused with 403 and writes nothing. STOP/START and their synonyms change
 * whether the number is texted; everything else is answered with an empty TwiML response (no reply text).
 */
export async function registerSmsWebhook(app: FastifyInstance, opts: SmsWebhookOptions): Promise<void> {
  const { database, env } = opts;
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  await app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, next) => next(null, body));
    scope.post(SMS_WEBHOOK_PATH, async (req, reply) => {
      const config = smsConfig(env);
      if (!config) return reply.code(503).send({ error: 'Text messages are not configured on this server.' });
      const signature = req.headers['x-twilio-signature'];
      const params = typeof req.body === 'string' ? [...new URLSearchParams(req.body)] : null;
      if (typeof signature !== 'string' || !params || !validTwilioSignature(config.authToken, base + req.url, params, signature)) {
        securityEvent(req.log, req.id, 'bad_webhook_signature', { path: SMS_WEBHOOK_PATH, ip: req.ip, reason: typeof signature === 'string' ? 'mismatch' : 'missing' });
        return reply.code(403).send({ error: 'Bad signature.' });
      }
      const field = (name: string) => params.find(([k]) => k === name)?.[1] ?? '';
      const outcome = await handleInboundText(database.db, env.MARKET_COUNTRY, field('From'), field('Body'), new Date());
      req.log.info({ outcome }, 'inbound text');
      return reply.code(200).type('text/xml').send(EMPTY_TWIML);
    });
    done();
  });
}
