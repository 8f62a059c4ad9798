import type { MarketBootstrap } from '@makeries/shared';
import { QUERY_STATE_ID } from '../app/query-state';
import { MARKET_STATE_ID } from '../lib/market';
import { absoluteUrl, pageTitle, type Seo } from '../app/seo';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** JSON inside a <script>: no "</script>", no HTML comment openers, no line separators that break JS. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface DocumentParts {
  seo: Seo;
  origin: string;
  appHtml: string;
  /** query cache for hydration */
  state: unknown;
  /** the marketplace's locale, currency, city and districts: the browser formats like the server did */
  market: MarketBootstrap;
  scripts: string[];
  styles: string[];
  preloads: string[];
}

function headTags(seo: Seo, origin: string): string {
  const tags = [`<title>${escapeHtml(pageTitle(seo.title))}</title>`];
  if (seo.description) tags.push(`<meta name="description" content="${escapeHtml(seo.description)}">`);
  tags.push(`<meta name="robots" content="${seo.noindex ? 'noindex' : 'index,follow'}">`);
  if (seo.canonicalPath) {
    const url = absoluteUrl(origin, seo.canonicalPath);
    tags.push(`<link rel="canonical" href="${escapeHtml(url)}">`, `<meta property="og:url" content="${escapeHtml(url)}">`);
  }
  tags.push(`<meta property="og:title" content="${escapeHtml(seo.title)}">`, '<meta property="og:site_name" content="Makeries">');
  if (seo.description) tags.push(`<meta property="og:description" content="${escapeHtml(seo.description)}">`);
  if (seo.image) tags.push(`<meta property="og:image" content="${escapeHtml(absoluteUrl(origin, seo.image))}">`);
  for (const doc of seo.jsonLd ?? []) tags.push(`<script type="application/ld+json">${scriptJson(doc)}</script>`);
  return tags.join('\n');
}

/** The whole HTML page around the rendered app: head from the page's `seo`, data for hydration, assets. */
export function renderDocument(p: DocumentParts): string {
  return `<!doctype html>
<html lang="${escapeHtml(p.market.locale)}" data-mantine-color-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#2c7444">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${headTags(p.seo, p.origin)}
${p.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
${p.preloads.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`).join('\n')}
</head>
<body>
<div id="root">${p.appHtml}</div>
<script type="application/json" id="${QUERY_STATE_ID}">${scriptJson(p.state)}</script>
<script type="application/json" id="${MARKET_STATE_ID}">${scriptJson(p.market)}</script>
${p.scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join('\n')}
</body>
</html>`;
}
