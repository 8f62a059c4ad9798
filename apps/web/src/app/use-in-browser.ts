import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * False in the server render and in the first (hydrating) browser render, true after: for what depends on who
 * is signed in, so the shared page HTML is the same for everyone and the browser fills it in after the page.
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
