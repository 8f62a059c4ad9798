/**
 * This browser's side of web push (issue 18): whether it can, the service worker at /sw.js (scope /), and its
 * PushSubscription. Permission is asked only from a tap (turnOn in use-push-device.ts), never on page load.
 */

/** What this browser allows: no Push API at all, not asked yet, allowed, or blocked by the customer. */
export type PushSupport = 'unsupported' | 'default' | 'granted' | 'denied';

export function pushSupport(): PushSupport {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

export interface DeviceSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

function toJson(sub: PushSubscription): DeviceSubscription {
  const json = sub.toJSON();
  return { endpoint: sub.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const sameKey = (a: ArrayBuffer | null | undefined, b: Uint8Array): boolean => {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
};

/** The subscription this browser already has (without registering anything), if any. */
export async function existingSubscription(): Promise<DeviceSubscription | null> {
  if (pushSupport() === 'unsupported') return null;
  const reg = await navigator.serviceWorker.getRegistration('/');
  const sub = await reg?.pushManager.getSubscription();
  return sub ? toJson(sub) : null;
}

/**
 * Asks for permission (call from a tap), registers the service worker and subscribes with the server's VAPID
 * key — reusing this browser's subscription when it was made with the same key. Returns null when the customer
 * did not allow notifications.
 */
export async function subscribeThisDevice(vapidPublicKey: string): Promise<DeviceSubscription | null> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return null;
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  const reg = await navigator.serviceWorker.ready;
  const key = keyBytes(vapidPublicKey);
  const had = await reg.pushManager.getSubscription();
  if (had && sameKey(had.options.applicationServerKey, key)) return toJson(had);
  // made with another server key (the server's keys changed): a browser holds one subscription per worker
  if (had) await had.unsubscribe();
  return toJson(await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
}

/** Drops this browser's subscription (after the server has let it go). */
export async function unsubscribeThisDevice(): Promise<void> {
  const reg = await navigator.serviceWorker.getRegistration('/');
  const sub = await reg?.pushManager.getSubscription();
  await sub?.unsubscribe();
}
