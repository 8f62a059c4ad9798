import type { BridgeAttention, BridgeFailedJob, BridgeLocation, BridgeLogEntry, BridgePreview, BridgeView } from '@makeries/shared';
import type { Page, Route } from 'playwright-core';

/*
 * For the Point of sale screen gallery only: the marketplace answers of the counter's `bridges.*` procedures,
 * canned, so every state of the link (importing at 1,200 of 5,000, a preview with items needing attention, in
 * step, paused, revoked) can be photographed and looked at without Square. Every other call in a batch goes to
 * the real headless counter untouched. The real flow is in bridge.e2e.ts (no canned answers there).
 */

export interface BridgeAnswers {
  view: BridgeView;
  locations: BridgeLocation[];
  preview: BridgePreview | null;
  attention: BridgeAttention[];
  log: BridgeLogEntry[];
  failedJobs: BridgeFailedJob[];
  /** answer `bridges.status` with this error instead (e.g. offline) */
  statusError?: { message: string; appCode: string; details: Record<string, unknown> };
  /** the names of the mutations called, in order */
  calls: string[];
}

type Answer = { result: { data: unknown } } | { error: { message: string; code: number; data: Record<string, unknown> } };

function page<T>(items: T[], input: { cursor?: string; limit?: number }): { items: T[]; nextCursor: string | null } {
  const from = input.cursor ? Number(input.cursor) : 0;
  const limit = input.limit ?? 24;
  const next = from + limit;
  return { items: items.slice(from, next), nextCursor: next < items.length ? String(next) : null };
}

function answer(a: BridgeAnswers, proc: string, input: Record<string, unknown>): Answer {
  const ok = (data: unknown): Answer => ({ result: { data } });
  switch (proc) {
    case 'status':
      if (a.statusError) return { error: { message: a.statusError.message, code: -32009, data: { appCode: a.statusError.appCode, details: a.statusError.details, code: 'CONFLICT', httpStatus: 409 } } };
      return ok(a.view);
    case 'locations':
      return ok(a.locations);
    case 'preview':
      return ok(a.preview);
    case 'attention':
      return ok(page(a.attention, input));
    case 'log':
      return ok(page(a.log, input));
    case 'failedJobs':
      return ok(page(a.failedJobs, input));
    case 'connectUrl':
      a.calls.push(proc);
      return ok({ url: 'about:blank' });
    default:
      a.calls.push(proc);
      return ok(a.view);
  }
}

/** Routes the counter's /trpc batches: `bridges.*` from `answers`, the rest from the real counter. */
export async function stubBridges(p: Page, answers: BridgeAnswers): Promise<void> {
  await p.route(/\/trpc\/[^?]*bridges\./, async (route: Route) => {
    const req = route.request();
    const url = new URL(req.url());
    const procs = decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, '')).split(',');
    const raw = req.method() === 'GET' ? url.searchParams.get('input') : req.postData();
    const inputs = (raw ? JSON.parse(raw) : {}) as Record<string, Record<string, unknown> | undefined>;
    const results: (Answer | null)[] = procs.map((proc, i) => (proc.startsWith('bridges.') ? answer(answers, proc.slice('bridges.'.length), inputs[String(i)] ?? {}) : null));
    const rest = procs.map((proc, i) => ({ proc, i })).filter(({ proc }) => !proc.startsWith('bridges.'));
    if (rest.length > 0) {
      // the other procedures of the batch, asked of the real counter as one batch of their own
      const restInput = Object.fromEntries(rest.map(({ i }, j) => [String(j), inputs[String(i)]]));
      const restUrl = new URL(url);
      restUrl.pathname = url.pathname.replace(/\/trpc\/.*$/, `/trpc/${rest.map((r) => r.proc).join(',')}`);
      if (req.method() === 'GET') restUrl.searchParams.set('input', JSON.stringify(restInput));
      const real = await route.fetch({ url: restUrl.toString(), ...(req.method() === 'GET' ? {} : { postData: JSON.stringify(restInput) }) });
      const answered = (await real.json()) as Answer[];
      rest.forEach(({ i }, j) => (results[i] = answered[j] ?? null));
    }
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(results) });
  });
}
