import type { AppRouter } from '@makeries/server/router';
import { dehydrate } from '@tanstack/react-query';
import { createTRPCClient, unstable_localLink as localLink } from '@trpc/client';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, isRouteErrorResponse, StaticRouterProvider } from 'react-router';
import type { renderPage as RenderPage, shareablePage as ShareablePage } from '../ssr';
import { createTrpc } from './app/api';
import { pageChunkOf } from './app/lazy-page';
import { AppProviders, createQueryClient } from './app/providers';
import { createRoutes } from './app/routes';
import { seoFromMatches, type PageData, type Seo } from './app/seo';
import { assetsFor, clientDir, loadClientAssets, type ClientAssets } from './server/assets';
import { loadMarket, setMarket } from './lib/market';
import { renderDocument } from './server/document';
import { shareablePage as shareable } from './server/shareable';

export { clientDir };
export const shareablePage: typeof ShareablePage = shareable;

let assets: ClientAssets | undefined;

function errorSeo(errors: Record<string, unknown> | null): Seo | null {
  const error = errors ? Object.values(errors)[0] : undefined;
  if (isRouteErrorResponse(error) && error.data && typeof error.data === 'object' && 'seo' in error.data) return (error.data as { seo: Seo }).seo;
  return error === undefined ? null : { title: 'Something went wrong', noindex: true };
}

export const renderPage: typeof RenderPage = async (request, deps) => {
  assets ??= loadClientAssets();
  const queryClient = createQueryClient();
  const client = createTRPCClient<AppRouter>({ links: [localLink({ router: deps.router, createContext: deps.createContext })] });
  // the marketplace's settings before anything renders: every price and date on the page uses them
  const market = await loadMarket(client);
  setMarket(market);
  const handler = createStaticHandler(createRoutes({ trpc: createTrpc(client, queryClient), queryClient, shared: deps.shared === true }));
  const context = await handler.query(request);
  if (context instanceof Response) {
    return { status: context.status, location: context.headers.get('location') ?? '/', html: '', shopIds: [] };
  }
  const router = createStaticRouter(handler.dataRoutes, context);
  const appHtml = renderToString(
    <AppProviders client={client} queryClient={queryClient}>
      <StaticRouterProvider router={router} context={context} nonce={deps.scriptNonce} />
    </AppProviders>,
  );
  const loaderData = context.matches.map((m): { loaderData: unknown } => ({ loaderData: context.loaderData[m.route.id] }));
  const seo = errorSeo(context.errors) ?? seoFromMatches(loaderData) ?? { title: 'Makeries' };
  const html = renderDocument({
    seo,
    origin: new URL(request.url).origin,
    appHtml,
    state: dehydrate(queryClient),
    market,
    // the rendered pages' chunks load alongside the entry instead of after it
    ...assetsFor(assets, context.matches.flatMap((m) => pageChunkOf(m.route.handle) ?? [])),
  });
  return { status: context.statusCode, html, shopIds: shopIdsOf(loaderData) };
};

/** The shops a page declared it shows (`PageData.shopId`), for the page cache's invalidation. */
function shopIdsOf(matches: readonly { loaderData: unknown }[]): string[] {
  return matches.flatMap(({ loaderData }) => {
    const shopId = (loaderData as Partial<PageData> | null | undefined)?.shopId;
    return typeof shopId === 'string' ? [shopId] : [];
  });
}
