import { useSyncExternalStore } from 'react';

/**
 * Orders placed from this browser, with their tracking tokens, so a guest can find them again from the account
 * page. The token is what the confirmation link carries anyway; nothing else is stored.
 */
export interface RecentOrder {
  id: string;
  number: string;
  vendorName: string;
  trackingToken: string;
  totalCents: number;
  currency: string;
  placedAt: string;
}

const KEY = 'makeries.orders.v1';
const MAX = 20;
const listeners = new Set<() => void>();
let cache: { raw: string | null; list: RecentOrder[] } = { raw: null, list: [] };
const EMPTY: RecentOrder[] = [];

function isRecent(v: unknown): v is RecentOrder {
  const o = v as Record<string, unknown> | null;
  return !!o && typeof o.id === 'string' && typeof o.number === 'string' && typeof o.vendorName === 'string' && typeof o.trackingToken === 'string';
}

function read(): RecentOrder[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return cache.list;
  }
  if (raw !== cache.raw) {
    let list: RecentOrder[] = [];
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      list = Array.isArray(parsed) ? parsed.filter(isRecent) : [];
    } catch {
      list = [];
    }
    cache = { raw, list };
  }
  return cache.list;
}

export function rememberOrders(orders: RecentOrder[]): void {
  const ids = new Set(orders.map((o) => o.id));
  const next = [...orders, ...read().filter((o) => !ids.has(o.id))].slice(0, MAX);
  const raw = JSON.stringify(next);
  cache = { raw, list: next };
  try {
    window.localStorage.setItem(KEY, raw);
  } catch {
    // not remembered beyond this page
  }
  for (const l of listeners) l();
}

export function trackingPath(o: { id: string; trackingToken: string }): string {
  return `/orders/${o.id}?t=${encodeURIComponent(o.trackingToken)}`;
}

export function useRecentOrders(): RecentOrder[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => EMPTY,
  );
}
