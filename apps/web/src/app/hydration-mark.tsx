import { useEffect } from 'react';
import { markHydrated } from './use-hydrated';

/**
 * Marks <html data-hydrated> once the page content is interactive. It sits inside the same Suspense boundary as
 * the page, which React may hydrate after the frame, so browser tests wait for this rather than for the frame.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
    markHydrated();
  }, []);
  return null;
}
