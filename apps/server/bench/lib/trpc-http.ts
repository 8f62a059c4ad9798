/**
 * tRPC over plain HTTP, as a browser or counter sends it (no transformer): for the `scale` section, whose requests
 * go through the load balancer and may be pinned to one instance (`x-makeries-instance`, deploy/haproxy.cfg).
 */
export type Instance = 'a' | 'b' | 'c';
/** PUBLIC_URL of the bench's instances: cookie-session mutations must come from this origin (CSRF rule) */
export const BENCH_PUBLIC_URL = 'http://market.bench.test';

export interface TrpcAnswer<T> {
  status: number;
  data?: T;
  error?: { code: string; message: string };
  /** which instance answered (HAProxy's x-makeries-served-by) */
  servedBy: string | null;
  setCookies: string[];
}

export interface CallOptions {
  instance?: Instance;
  bearer?: string;
  cookie?: string;
}

function headersFor(o: CallOptions): Record<string, string> {
  return {
    'content-type': 'application/json',
    // a browser's same-origin mutation (cookie sessions only count with it)
    origin: BENCH_PUBLIC_URL,
    ...(o.instance ? { 'x-makeries-instance': o.instance } : {}),
    ...(o.bearer ? { authorization: `Bearer ${o.bearer}` } : {}),
    ...(o.cookie ? { cookie: o.cookie } : {}),
  };
}

async function answer<T>(res: Response): Promise<TrpcAnswer<T>> {
  const body = (await res.json()) as { result?: { data?: T }; error?: { data?: { appCode?: string; code?: string }; message?: string } };
  return {
    status: res.status,
    ...(body.result ? { data: body.result.data as T } : {}),
    ...(body.error ? { error: { code: body.error.data?.appCode ?? body.error.data?.code ?? 'UNKNOWN', message: body.error.message ?? '' } } : {}),
    servedBy: res.headers.get('x-makeries-served-by'),
    setCookies: res.headers.getSetCookie(),
  };
}

export async function mutate<T>(base: string, path: string, input: unknown, o: CallOptions = {}): Promise<TrpcAnswer<T>> {
  const res = await fetch(`${base}/trpc/${path}`, { method: 'POST', headers: headersFor(o), body: JSON.stringify(input ?? null) });
  return answer<T>(res);
}

export async function query<T>(base: string, path: string, input: unknown, o: CallOptions = {}): Promise<TrpcAnswer<T>> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return answer<T>(await fetch(`${base}/trpc/${path}${q}`, { headers: headersFor(o) }));
}

/** The data of a successful call, or an error naming the procedure and what the server said. */
export function ok<T>(a: TrpcAnswer<T>, what: string): T {
  if (a.error || a.data === undefined) throw new Error(`${what}: ${a.status} ${a.error?.code ?? ''} ${a.error?.message ?? ''}`);
  return a.data;
}

export const cookiePair = (setCookie: string[], name: string): string | null => {
  const c = setCookie.find((s) => s.startsWith(`${name}=`));
  return c ? (c.split(';')[0] ?? null) : null;
};
