import { useSyncExternalStore } from 'react';
import { EMPTY_CART, parseCart, type CartState } from './cart';

/**
 * The cart in localStorage, shared by every component and every tab (the `storage` event). The server render
 * and the first client render see an empty cart, then the stored one — so hydration always matches.
 */
const KEY = 'makeries.cart.v1';
const listeners = new Set<() => void>();
let cache: { raw: string | null; cart: CartState } = { raw: null, cart: EMPTY_CART };

function read(): CartState {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    // storage blocked (private mode): the cart lives for this page only
    return cache.cart;
  }
  if (raw !== cache.raw) cache = { raw, cart: parseCart(raw) };
  return cache.cart;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function updateCart(change: (cart: CartState) => CartState): void {
  const next = change(read());
  const raw = JSON.stringify(next);
  cache = { raw, cart: next };
  try {
    window.localStorage.setItem(KEY, raw);
  } catch {
    // keep the in-memory cart
  }
  for (const l of listeners) l();
}

const serverSnapshot = () => EMPTY_CART;

export function useCart(): CartState {
  return useSyncExternalStore(subscribe, read, serverSnapshot);
}

/** True once the stored cart has been read (after hydration), so pages can tell "empty" from "not loaded yet". */
export function useCartLoaded(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
