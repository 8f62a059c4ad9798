import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { securityEvent } from '../security/events';
import { storeStripeEvent } from '../services/payments/events';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

export interface StripeWebhookOptions {
  database: Database;
  env: Env;
}

/**
 * POST /webhooks/stripe: the signature is checked on the exact bytes Stripe sent, so this route gets its own
 * raw-body parser (scoped to this plugin; the rest of the app keeps parsing JSON). A verified event is stored
 * by id with its job in the same transaction; the job runtime (started by main.ts on every instance with Stripe
 * configured, src/jobs) processes it. A bad signature stores nothing.
 */
export async function registerStripeWebhook(app: FastifyInstance, opts: StripeWebhookOptions): Promise<void> {
  const { database, env } = opts;
  await app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(STRIPE_WEBHOOK_PATH, async (req, reply) => {
      const secret = env.STRIPE_WEBHOOK_SECRET;
      if (!secret) return reply.code(503).send({ error: 'Stripe webhooks are not configured on this server.' });
      const signature = req.headers['stripe-signature'];
      if (typeof signature !== 'string' || !Buffer.isBuffer(req.body)) {
        securityEvent(req.log, req.id, 'bad_webhook_signature', { path: STRIPE_WEBHOOK_PATH, ip: req.ip, reason: 'missing' });
        return reply.code(400).send({ error: 'Missing Stripe signature.' });
      }
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(req.body, signature, secret);
      } catch {
        securityEvent(req.log, req.id, 'bad_webhook_signature', { path: STRIPE_WEBHOOK_PATH, ip: req.ip, reason: 'mismatch' });
        return reply.code(400).send({ error: 'Bad Stripe signature.' });
      }
      const outcome = await storeStripeEvent(database.db, event);
      return reply.send({ received: true, duplicate: outcome === 'duplicate' });
    });
    done();
  });
}
