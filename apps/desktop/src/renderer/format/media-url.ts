/** The part of a URL after its origin, or null when it is not a URL at all. */
function pathOf(url: string): string | null {
  try {
    const u = new URL(url, 'http://counter.invalid');
    return `${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}

/**
 * A marketplace photo as this counter serves it: `/media/...` on the page's own origin (the core in browser
 * mode, app://counter in Electron), which fetches it once and keeps it for offline use. The page's CSP stays
 * `img-src 'self'`. Anything that is not a marketplace photo (data: and blob: previews) is left as it is.
 */
export function counterMediaUrl(url: string): string {
  if (url.startsWith('data:') || url.startsWith('blob:')) return url;
  const path = pathOf(url);
  return path !== null && path.startsWith('/media/') ? path : url;
}
