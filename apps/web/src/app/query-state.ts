import type { DehydratedState } from '@tanstack/react-query';

/**
 * The server's query cache travels to the browser as JSON data in `<script type="application/json">`: never
 * executed, so the page's Content-Security-Policy needs no inline-script exception for it.
 */
export const QUERY_STATE_ID = 'mk-query-state';

export function readQueryState(doc: Document): DehydratedState | undefined {
  const text = doc.getElementById(QUERY_STATE_ID)?.textContent;
  return text ? (JSON.parse(text) as DehydratedState) : undefined;
}
