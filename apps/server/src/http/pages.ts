import { formatMoney } from '@makeries/shared';
import type { FastifyInstance } from 'fastify';
import { createContextInner } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { appRouter } from '../routers/index';
import { createCallerFactory } from '../trpc';
import { escapeHtml, page } from './page-shell';

const createCaller = createCallerFactory(appRouter);

/**
 * Until the storefront (apps/web) lands: plain server-rendered pages listing the city's vendors and each vendor's
 * products, built on the same public API the storefront will use.
 */
export async function registerPages(app: FastifyInstance, { database, env }: { database: Database; env: Env }): Promise<void> {
  const anonymous = async () => createCaller(await createContextInner({ database, env }));

  app.get('/', async (_req, reply) => {
    const api = await anonymous();
    const vendors = [];
    let cursor: string | undefined;
    do {
      const res = await api.vendors.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      vendors.push(...res.items);
      cursor = res.nextCursor ?? undefined;
    } while (cursor);
    const cards = vendors
      .map(
        (v) => `<a class="card" href="/v/${escapeHtml(v.slug)}">
  <h2>${escapeHtml(v.name)}</h2>
  <p>${escapeHtml(v.description)}</p>
  <p class="meta">${escapeHtml(v.addressLine1)}, ${escapeHtml(v.postcode)} · ${openBadge(v)}${v.deliveryEnabled ? ' · Delivers' : ''}</p>
</a>`,
      )
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .send(page('Makeries — local shops in Bristol', `<h1>Local shops near you</h1><p class="lead">${vendors.length} independent shops. Order ahead and pick up, or get it delivered.</p><div class="grid">${cards}</div>`));
  });

  app.get<{ Params: { slug: string } }>('/v/:slug', async (req, reply) => {
    const api = await anonymous();
    const vendor = await api.vendors.bySlug({ slug: req.params.slug }).catch(() => null);
    if (!vendor) return reply.code(404).type('text/html; charset=utf-8').send(page('Not found — Makeries', '<h1>Shop not found</h1><p><a href="/">All shops</a></p>'));
    const items = [];
    let cursor: string | undefined;
    do {
      const res = await api.search.products({ vendorId: vendor.id, sort: 'popularity', facets: false, limit: 50, ...(cursor ? { cursor } : {}) });
      items.push(...res.items);
      cursor = res.nextCursor ?? undefined;
    } while (cursor && items.length < 500);
    const products = items
      .map(
        (p) => `<div class="product">
  ${p.imageThumb ? `<img src="${escapeHtml(p.imageThumb)}" alt="" width="200" height="200" loading="lazy">` : '<div class="noimg"></div>'}
  <h3>${escapeHtml(p.name)}</h3>
  <p class="price">${escapeHtml(formatMoney(p.minPriceCents, p.currency))}${p.inStock ? '' : ' · <span class="out">Sold out</span>'}</p>
</div>`,
      )
      .join('\n');
    const body = `<p><a href="/">← All shops</a></p>
<h1>${escapeHtml(vendor.name)}</h1>
<p class="lead">${escapeHtml(vendor.description)}</p>
<p class="meta">${escapeHtml(vendor.addressLine1)}, ${escapeHtml(vendor.city)} ${escapeHtml(vendor.postcode)} · ${openBadge(vendor)}${vendor.paused ? ` · <strong>Not taking orders${vendor.pausedReason ? `: ${escapeHtml(vendor.pausedReason)}` : ''}</strong>` : ''}</p>
<div class="products">${products}</div>`;
    return reply.type('text/html; charset=utf-8').send(page(`${vendor.name} — Makeries`, body));
  });
}

function openBadge(v: { isOpenNow: boolean; nextOpeningAt: string | null; timezone: string }): string {
  if (v.isOpenNow) return '<span class="open">Open now</span>';
  if (!v.nextOpeningAt) return '<span class="closed">Closed</span>';
  const at = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: v.timezone }).format(new Date(v.nextOpeningAt));
  return `<span class="closed">Closed · opens ${escapeHtml(at)}</span>`;
}
