import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/** `handle` of a code-split page route: its source module, so the server can preload the page's chunk. */
interface PageChunkHandle {
  chunk: string;
}

export function pageChunkOf(handle: unknown): string | null {
  return handle && typeof handle === 'object' && 'chunk' in handle && typeof handle.chunk === 'string' ? handle.chunk : null;
}

/**
 * A page whose component loads on demand (its own chunk in the browser build), so a visitor downloads the
 * pages they open rather than every page. `chunk` is the module's path from apps/web, as Vite's manifest names
 * it: the server adds <link rel="modulepreload"> for the pages it rendered, and the browser entry loads them
 * before hydrating.
 */
export function lazyPage<M>(chunk: string, load: () => Promise<M>, pick: (m: M) => ComponentType): Pick<RouteObject, 'lazy' | 'handle'> {
  const handle: PageChunkHandle = { chunk };
  return { handle, lazy: async () => ({ Component: pick(await load()) }) };
}
