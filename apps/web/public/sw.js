// The storefront's service worker (issue 18: web push), served at /sw.js with scope /. It only shows what the
// server pushes (services/notify/push-channel.ts: { title, body, url, tag, icon? }) and opens its link when
// tapped; it caches nothing, so pages and their prices always come from the server.
/* global self */
'use strict';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload as the server sends it; a push without one (or not JSON) still tells the customer something. */
function readPush(event) {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch (_) {
    data = { title: 'Makeries', body: event.data ? event.data.text() : '' };
  }
  if (!data || typeof data !== 'object') data = {};
  const sameOrigin = (u) => {
    try {
      return new URL(u, self.location.origin).origin === self.location.origin ? new URL(u, self.location.origin).href : null;
    } catch (_) {
      return null;
    }
  };
  return {
    title: typeof data.title === 'string' && data.title ? data.title : 'Makeries',
    body: typeof data.body === 'string' ? data.body : '',
    url: (typeof data.url === 'string' && sameOrigin(data.url)) || self.location.origin + '/',
    tag: typeof data.tag === 'string' ? data.tag : undefined,
    icon: typeof data.icon === 'string' ? sameOrigin(data.icon) : null,
  };
}

self.addEventListener('push', (event) => {
  const p = readPush(event);
  const options = { body: p.body, data: { url: p.url }, lang: 'en-GB' };
  if (p.tag) {
    options.tag = p.tag;
    // a newer status of the same order replaces the older one, and still alerts
    options.renotify = true;
  }
  if (p.icon) options.icon = p.icon;
  event.waitUntil(self.registration.showNotification(p.title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || self.location.origin + '/';
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const target = new URL(url);
      // a tab already on that page (token or not): bring it forward; else open the link
      const open = tabs.find((c) => {
        const at = new URL(c.url);
        return at.origin === target.origin && at.pathname === target.pathname;
      });
      if (open) {
        await open.focus();
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
