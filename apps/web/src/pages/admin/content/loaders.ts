import type { LoaderFunctionArgs } from 'react-router';
import { failureOf } from '../../../app/api';
import { notFound, type LoaderDeps } from '../../../app/loader-kit';
import type { PageData } from '../../../app/seo';
import { historyInput, isReportKind, queueFilter, queueInput, reportsInput } from './inputs';
import { contentName } from './format';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A console call: signed out becomes a page that says to sign in; an unknown item the 404 page. */
async function consoleCall<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const f = failureOf(e);
    if (f.appCode === 'UNAUTHENTICATED') notFound('Sign in to the console', 'This page is for the marketplace’s operators. Sign in to the operator console first.');
    if (f.appCode === 'NOT_FOUND' || f.appCode === 'BAD_INPUT') notFound('Not found', f.message || 'That item does not exist.');
    throw e;
  }
}

export function contentQueueLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const filter = queueFilter(new URL(request.url).searchParams);
    await consoleCall(queryClient.query(trpc.admin.content.queue.queryOptions(queueInput(filter))));
    return { seo: { title: 'Reported content', noindex: true } };
  };
}

export function contentItemLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params }: LoaderFunctionArgs): Promise<PageData> => {
    const { kind, id = '' } = params;
    if (!isReportKind(kind) || !UUID.test(id)) notFound('Not found', 'That is not a link to a reported item.');
    const item = await consoleCall(queryClient.query(trpc.admin.content.item.queryOptions({ kind, id })));
    await Promise.all([
      consoleCall(queryClient.query(trpc.admin.content.reports.queryOptions(reportsInput(kind, id)))),
      consoleCall(queryClient.query(trpc.admin.audit.queryOptions(historyInput(kind, id)))),
    ]);
    const name = contentName(item.content);
    return { seo: { title: `${name} · Reported content`, noindex: true } };
  };
}
