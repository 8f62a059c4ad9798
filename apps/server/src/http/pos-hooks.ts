import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAppError, type PosProvider } from '@makeries/shared';
import { z } from 'zod';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { wakeJobs } from '../jobs/wake';
import { securityEvent } from '../security/events';
import { completeConnect } from '../services/bridges/connect';
import { bridgedProviders, connectorFor, PROVIDER_NAMES } from '../services/bridges/registry';
import { WebhookShapeError } from '../services/bridges/types';
import { storePosWebhook } from '../services/bridges/webhooks';

export interface PosHooksOptions {
  database: Database;
  env: Env;
}

/** Every provider has its webhook route; the ones that sign owners in through their own page (not Toast) a callback. */
const HOOKS: readonly { provider: PosProvider; path: string; callback: string | null }[] = bridgedProviders().map((provider) => ({
  provider,
  path: `/hooks/pos/${provider}`,
  callback: provider === 'toast' ? null : `/oauth/pos/${provider}/callback`,
}));

/** Every parameter is kept: Shopify signs the whole query (`hmac`), so the connector needs it as sent. */
const callbackQuery = z
  .record(z.string().max(40), z.string().max(2000))
  .refine((q) => Object.keys(q).length <= 20, 'Too many parameters.')
  .refine((q) => (q.state ?? '').length <= 200 && (q.error ?? '').length <= 200, 'Parameter too long.');

/** The headers the connector reads again when the drain job parses the stored delivery. */
function keptHeaders(names: readonly string[], headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string') out[n] = v.slice(0, 500);
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function page(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Makeries</title>
<style>body{font-family:system-ui,sans-serif;background:#faf7f2;color:#2b2623;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:32rem;padding:2rem;background:#fff;border-radius:1rem;box-shadow:0 2px 12px #0001}h1{font-size:1.5rem;margin:0 0 .75rem}p{line-height:1.5;margin:0}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * The POS bridges' two public routes per provider:
 * - `POST /hooks/pos/<provider>`: the signature is checked on the exact bytes (raw-body parser scoped to these
 *   routes) against the URL registered with the POS, before anything is parsed or stored; a verified event is
 *   stored once by its id with its job, and this instance's job runtime is woken. Bad signature → 401, nothing stored.
 * - `GET /oauth/pos/<provider>/callback`: where the POS sends the owner back after "Allow".
 */
export async function registerPosHooks(app: FastifyInstance, opts: PosHooksOptions): Promise<void> {
  const { database, env } = opts;
  await app.register((scope, _o, done) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, next) => next(null, body));
    for (const hook of HOOKS) {
      scope.post(hook.path, async (req, reply) => {
        const connector = connectorFor(env, hook.provider);
        const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : null;
        if (raw === null || !connector.verifyWebhook(raw, req.headers)) {
          securityEvent(req.log, req.id, 'bad_webhook_signature', { path: hook.path, ip: req.ip, reason: raw === null ? 'missing' : 'mismatch' });
          return reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'Bad webhook signature.' });
        }
        let envelope;
        try {
          envelope = connector.parseWebhook(raw, req.headers).envelope;
        } catch (e) {
          if (e instanceof WebhookShapeError) return reply.code(400).send({ code: 'BAD_INPUT', message: e.message });
          throw e;
        }
        const outcome = await storePosWebhook(database.db, hook.provider, envelope, raw, keptHeaders(connector.webhookHeaders, req.headers));
        if (outcome === 'stored') wakeJobs();
        return reply.send({ received: true, duplicate: outcome === 'duplicate' });
      });
    }
    done();
  });
  for (const hook of HOOKS) {
    if (!hook.callback) continue;
    app.get(hook.callback, async (req, reply) => {
      const name = PROVIDER_NAMES[hook.provider];
      const q = callbackQuery.safeParse(req.query);
      if (!q.success) return page(reply, 400, 'That link is not valid', 'Start connecting again from the back office on your counter.');
      let outcome: { status: number; title: string; text: string };
      try {
        await completeConnect(database.db, env, hook.provider, q.data);
        outcome = { status: 200, title: `${name} is connected`, text: `Go back to the counter: choose the ${name} location that is this shop, then review the import before anything changes.` };
      } catch (e) {
        if (isAppError(e)) outcome = { status: e.code === 'BAD_INPUT' ? 400 : e.code === 'FORBIDDEN' ? 403 : 409, title: `${name} is not connected`, text: e.message };
        else {
          req.log.error({ err: e }, 'POS connect callback failed');
          outcome = { status: 502, title: `${name} is not connected`, text: `${name} could not be reached to finish connecting. Try again in a minute from the back office.` };
        }
      }
      return page(reply, outcome.status, outcome.title, outcome.text);
    });
  }
}
