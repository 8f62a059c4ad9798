import type { QueryClient } from '@tanstack/react-query';
import { data, type LoaderFunctionArgs } from 'react-router';
import { failureOf, type Trpc } from './api';
import type { PageData, Seo } from './seo';

/** What every loader needs: the API's query options (HTTP or in-process) and the query cache the page will read. */
export interface LoaderDeps {
  trpc: Trpc;
  queryClient: QueryClient;
  /** a server render for everyone (page cache): no visitor's session, signed-in parts load in the browser */
  shared?: boolean;
}

export type PageLoader = (deps: LoaderDeps) => (args: LoaderFunctionArgs) => Promise<PageData>;

export interface NotFoundData extends PageData {
  heading: string;
  message: string;
}

/** A 404 the error page renders, with its own title and noindex. */
export function notFound(heading: string, message: string): never {
  const seo: Seo = { title: heading, noindex: true };
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- React Router renders a thrown `data()` as the route's error response (its documented 404 pattern)
  throw data<NotFoundData>({ seo, heading, message }, { status: 404 });
}

/** Runs an API call; NOT_FOUND / UNAUTHENTICATED become the 404 page instead of a crash. */
export async function orNotFound<T>(p: Promise<T>, heading: string, message: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const f = failureOf(e);
    if (f.appCode === 'NOT_FOUND' || f.appCode === 'UNAUTHENTICATED' || f.appCode === 'BAD_INPUT') notFound(heading, message);
    throw e;
  }
}

/** Pages whose content lives in the browser (cart, checkout): just a title. */
export function staticPage(seo: Seo): PageLoader {
  return () => () => Promise.resolve({ seo });
}
