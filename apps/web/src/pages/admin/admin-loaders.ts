import { auditListInput, type AuditListInput } from '@makeries/shared';
import { redirect, type LoaderFunctionArgs } from 'react-router';
import { failureOf } from '../../app/api';
import type { LoaderDeps } from '../../app/loader-kit';
import type { PageData } from '../../app/seo';

/** Where "next" may send the operator after signing in: a console page of ours, never another site. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/admin(?:[/?#]|$)/.test(next) ? next : '/admin';
}

/** The sign-in page, remembering where the operator was going. */
export function signInPath(url: string | URL, ended = false): string {
  const u = new URL(url, 'http://x');
  const params = new URLSearchParams({ next: safeNext(u.pathname + u.search) });
  if (ended) params.set('ended', '1');
  return `/admin/sign-in?${params.toString()}`;
}

/** Every console page: its own title, never indexed. */
const consolePage = (title: string): PageData => ({ seo: { title, noindex: true } });

/** The console's frame: only for a signed-in operator (who is loaded for the header), others go to sign in. */
export function adminShellLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    try {
      await queryClient.query({ ...trpc.admin.me.queryOptions(), retry: false });
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- React Router's documented redirect pattern
      if (failureOf(e).appCode === 'UNAUTHENTICATED') throw redirect(signInPath(request.url));
      throw e;
    }
    return consolePage('Operator console');
  };
}

/** The sign-in page; an operator who is signed in already goes straight on. */
export function signInLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const signedIn = await queryClient.query({ ...trpc.admin.me.queryOptions(), retry: false }).then(
      () => true,
      () => false,
    );
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- React Router's documented redirect pattern
    if (signedIn) throw redirect(safeNext(new URL(request.url).searchParams.get('next')));
    return consolePage('Operator sign-in');
  };
}

const AUDIT_PAGE_SIZE = 25;

/** The audit log's filter from the address (`?kind=vendor&id=…`); a filter the server would refuse is dropped. */
export function auditFilter(search: URLSearchParams): { input: AuditListInput; invalid: boolean } {
  const kind = search.get('kind')?.trim() || undefined;
  const id = search.get('id')?.trim() || undefined;
  const parsed = auditListInput.safeParse({ limit: AUDIT_PAGE_SIZE, ...(kind ? { targetType: kind } : {}), ...(id ? { targetId: id } : {}) });
  return parsed.success ? { input: parsed.data, invalid: false } : { input: { limit: AUDIT_PAGE_SIZE }, invalid: true };
}

export function auditLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    await queryClient.query(trpc.admin.audit.queryOptions(auditFilter(new URL(request.url).searchParams).input));
    return consolePage('Audit log');
  };
}
