import { useEffect } from 'react';
import { useMatches } from 'react-router';
import { pageTitle, seoFromMatches } from './seo';

function setMeta(selector: string, create: () => HTMLElement, apply: (el: HTMLElement) => void): void {
  let el = document.head.querySelector<HTMLElement>(selector);
  if (!el) {
    el = create();
    document.head.appendChild(el);
  }
  apply(el);
}

/**
 * After client-side navigations, keeps the tab title, description, canonical link and JSON-LD in step with the
 * page. The server render writes the same head from the same loader data (`seo`), so the first paint is right.
 */
export function SeoSync() {
  const matches = useMatches();
  const seo = seoFromMatches(matches);
  useEffect(() => {
    if (!seo) return;
    document.title = pageTitle(seo.title);
    setMeta(
      'meta[name="description"]',
      () => Object.assign(document.createElement('meta'), { name: 'description' }),
      (el) => el.setAttribute('content', seo.description ?? ''),
    );
    setMeta(
      'meta[name="robots"]',
      () => Object.assign(document.createElement('meta'), { name: 'robots' }),
      (el) => el.setAttribute('content', seo.noindex ? 'noindex' : 'index,follow'),
    );
    const canonical = document.head.querySelector('link[rel="canonical"]');
    if (seo.canonicalPath) {
      const origin = canonical?.getAttribute('href') ? new URL(canonical.getAttribute('href') ?? '').origin : window.location.origin;
      setMeta(
        'link[rel="canonical"]',
        () => Object.assign(document.createElement('link'), { rel: 'canonical' }),
        (el) => el.setAttribute('href', `${origin}${seo.canonicalPath}`),
      );
    } else canonical?.remove();
    for (const old of document.head.querySelectorAll('script[type="application/ld+json"]')) old.remove();
    for (const doc of seo.jsonLd ?? []) {
      const s = document.createElement('script');
      s.type = 'application/ld+json';
      s.textContent = JSON.stringify(doc);
      document.head.appendChild(s);
    }
  }, [seo]);
  return null;
}
