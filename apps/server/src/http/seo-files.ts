import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';
import { products, vendors } from '../db/schema/index';
import type { Env } from '../env';

/** A sitemap holds at most 50,000 URLs; beyond that it would need an index of several sitemaps. */
const SITEMAP_MAX_URLS = 50_000;

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** /robots.txt and /sitemap.xml: every shop and every product customers can see, with its last change. */
export function registerSeoFiles(app: FastifyInstance, { database, env }: { database: Database; env: Env }): void {
  const origin = env.PUBLIC_URL.replace(/\/$/, '');

  app.get('/robots.txt', async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        [
          'User-agent: *',
          'Allow: /',
          'Disallow: /cart',
          'Disallow: /checkout',
          'Disallow: /confirmation',
          'Disallow: /orders/',
          'Disallow: /account',
          'Disallow: /trpc/',
          'Disallow: /live/',
          `Sitemap: ${origin}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );

  app.get('/sitemap.xml', async (_req, reply) => {
    const db = database.db;
    const shops = await db
      .select({ slug: vendors.slug, updatedAt: vendors.updatedAt })
      .from(vendors)
      .where(eq(vendors.status, 'approved'))
      .orderBy(asc(vendors.slug));
    const items = await db
      .select({ id: products.id, updatedAt: products.updatedAt })
      .from(products)
      .innerJoin(vendors, eq(vendors.id, products.vendorId))
      .where(and(eq(vendors.status, 'approved'), eq(products.onlineVisible, true), eq(products.archived, false), eq(products.moderationHidden, false)))
      .orderBy(asc(products.id))
      .limit(SITEMAP_MAX_URLS - shops.length - 2);
    const url = (path: string, lastmod?: Date) =>
      `<url><loc>${xmlEscape(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      url('/'),
      url('/search'),
      ...shops.map((s) => url(`/v/${s.slug}`, s.updatedAt)),
      ...items.map((p) => url(`/p/${p.id}`, p.updatedAt)),
      '</urlset>',
      '',
    ].join('\n');
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=600').send(body);
  });
}
