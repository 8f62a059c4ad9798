import { useSyncExternalStore } from 'react';

let hydrated = false;
const listeners = new Set<() => void>();

/** Called once the page content has hydrated (HydrationMark). */
export function markHydrated(): void {
  if (hydrated) return;
  hydrated = true;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/**
 * False on the server and until the page content (which React may hydrate after the frame) has hydrated. A shared
 * (cached) page is rendered for nobody: asking who is signed in must wait until then, or the answer could reach a
 * part of the page still hydrating and make it differ from the server's HTML.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => hydrated,
    () => false,
  );
}
