import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFaults, FakeStripeError, notFound, type Handler, type RouteContext, type RouteResult } from './context';
import { FakeEvents } from './events';
import { parseForm } from './form';
import * as money from './money-routes';
import { emptyState, stripeId, type FakeState } from './objects';
import * as terminal from './terminal-routes';

type Route = [method: 'GET' | 'POST', pattern: RegExp, handler: Handler];

const ID = '([A-Za-z0-9_]+)';
const ROUTES: Route[] = [
  ['POST', /^\/v1\/accounts$/, money.createAccount],
  ['GET', new RegExp(`^/v1/accounts/${ID}$`), money.retrieveAccount],
  ['POST', new RegExp(`^/v1/accounts/${ID}$`), money.updateAccount],
  ['POST', /^\/v1\/account_links$/, money.createAccountLink],
  ['POST', /^\/v1\/payment_intents$/, money.createPaymentIntent],
  ['GET', new RegExp(`^/v1/payment_intents/${ID}$`), money.retrievePaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}/confirm$`), money.confirmPaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}/capture$`), money.capturePaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}/cancel$`), money.cancelPaymentIntent],
  ['POST', /^\/v1\/transfers$/, money.createTransfer],
  ['GET', new RegExp(`^/v1/transfers/${ID}$`), money.retrieveTransfer],
  ['POST', new RegExp(`^/v1/transfers/${ID}/reversals$`), money.createReversal],
  ['POST', /^\/v1\/refunds$/, money.createRefund],
  ['GET', new RegExp(`^/v1/refunds/${ID}$`), money.retrieveRefund],
  ['POST', /^\/v1\/terminal\/locations$/, terminal.createLocation],
  ['POST', /^\/v1\/terminal\/readers$/, terminal.createReader],
  ['GET', /^\/v1\/terminal\/readers$/, terminal.listReaders],
  ['GET', new RegExp(`^/v1/terminal/readers/${ID}$`), terminal.retrieveReader],
  ['POST', new RegExp(`^/v1/terminal/readers/${ID}/process_payment_intent$`), terminal.processPaymentIntent],
  ['POST', new RegExp(`^/v1/terminal/readers/${ID}/cancel_action$`), terminal.cancelReaderAction],
  ['POST', new RegExp(`^/v1/test_helpers/terminal/readers/${ID}/present_payment_method$`), terminal.presentPaymentMethod],
];

interface Stored {
  fingerprint: string;
  status: number;
  body: string;
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:54321 — give it to the server as STRIPE_API_BASE */
  url: string;
  host: string;
  port: number;
  state: FakeState;
  events: FakeEvents;
  faults: FakeFaults;
  /** the customer finishing the account-link flow: the account can take cards and receive payouts */
  completeOnboarding(accountId: string): void;
  /** the connected account created for one of our shops (metadata.vendorId), if any */
  accountOf(vendorId: string): string | null;
  /** a customer taps a card on the reader, through the real test-helper endpoint; `decline` uses a declining card */
  presentCard(readerId: string, opts?: { decline?: boolean }): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

/**
 * A local stand-in for api.stripe.com, good enough for the real `stripe` SDK pointed at it with
 * host/port/protocol. Idempotency keys are honoured like Stripe does: same key + same params → the first
 * response again (`Idempotent-Replayed: true`), same key + other params → 400 idempotency_error.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const state = emptyState();
  const events = new FakeEvents();
  const faults = new FakeFaults();
  const stored = new Map<string, Stored>();
  let baseUrl = '';

  async function handle(req: IncomingMessage): Promise<{ status: number; body: string; replayed: boolean }> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const raw = method === 'GET' ? url.search.slice(1) : await readBody(req);
    const account = header(req, 'stripe-account');
    const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : null;
    state.requests.push({ method, path: url.pathname, idempotencyKey, replayed: false });
    if (!(header(req, 'authorization') ?? '').startsWith('Bearer sk_')) {
      return { status: 401, body: JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }), replayed: false };
    }
    if (faults.take('serverErrors')) {
      return { status: 500, body: JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred.' } }), replayed: false };
    }
    const fingerprint = `${method} ${url.pathname} ${raw}`;
    const storeKey = idempotencyKey ? `${account ?? ''}|${idempotencyKey}` : null;
    const earlier = storeKey ? stored.get(storeKey) : undefined;
    if (earlier) {
      const last = state.requests[state.requests.length - 1];
      if (last) last.replayed = true;
      if (earlier.fingerprint !== fingerprint) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with.`;
        return { status: 400, body: JSON.stringify({ error: { type: 'idempotency_error', message } }), replayed: false };
      }
      return { status: earlier.status, body: earlier.body, replayed: true };
    }
    const route = ROUTES.find(([m, re]) => m === method && re.test(url.pathname));
    let result: RouteResult;
    try {
      if (!route) throw notFound('route', `${method} ${url.pathname}`);
      const ctx: RouteContext = { params: parseForm(raw), path: url.pathname.split('/').slice(1), account, idempotencyKey, state, events, faults, baseUrl };
      result = await route[2](ctx);
    } catch (err) {
      if (!(err instanceof FakeStripeError)) throw err;
      result = { status: err.status, body: { error: { ...err.error, request_log_url: `${baseUrl}/logs` } } };
    }
    const out = { status: result.status ?? 200, body: JSON.stringify(result.body) };
    // Stripe stores the outcome of a keyed request (errors included, except 5xx), so a retry sees the same answer
    if (storeKey && out.status < 500) stored.set(storeKey, { fingerprint, ...out });
    return { ...out, replayed: false };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req)
      .then(async (out) => {
        if (faults.take('timeouts')) await new Promise((r) => setTimeout(r, faults.timeoutDelayMs));
        if (res.destroyed) return;
        res.writeHead(out.status, {
          'content-type': 'application/json',
          'request-id': stripeId('req'),
          ...(out.replayed ? { 'idempotent-replayed': 'true' } : {}),
        });
        res.end(out.body);
      })
      .catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    host: '127.0.0.1',
    port,
    state,
    events,
    faults,
    completeOnboarding(accountId) {
      const account = state.accounts.get(accountId);
      if (!account) throw new Error(`fake stripe: no account ${accountId}`);
      const previous = { charges_enabled: account.charges_enabled, payouts_enabled: account.payouts_enabled };
      account.charges_enabled = true;
      account.payouts_enabled = true;
      account.details_submitted = true;
      account.capabilities = { card_payments: 'active', transfers: 'active' };
      account.requirements = { currently_due: [], disabled_reason: null };
      events.emit('account.updated', account, { previous, account: account.id });
    },
    accountOf(vendorId) {
      return [...state.accounts.values()].find((a) => a.metadata.vendorId === vendorId)?.id ?? null;
    },
    async presentCard(readerId, opts = {}) {
      const number = opts.decline ? '4000000000000002' : '4242424242424242';
      const res = await fetch(`${baseUrl}/v1/test_helpers/terminal/readers/${readerId}/present_payment_method`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_helper', 'content-type': 'application/x-www-form-urlencoded' },
        body: `type=card_present&card_present[number]=${number}`,
      });
      if (!res.ok) throw new Error(`fake stripe: present card failed: ${await res.text()}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
