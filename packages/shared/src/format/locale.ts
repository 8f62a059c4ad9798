import { AppError } from '../errors';

/*
 * The marketplace's locale for this process: the server sets it from MARKET_LOCALE at start, a counter from
 * what its server last sent, the storefront from the page's bootstrap. Formatting without an explicit locale
 * uses it.
 */

let marketLocale: string | undefined;

/** Sets the locale every later call without an explicit one formats in (this process's marketplace). */
export function setMarketLocale(locale: string): void {
  requireLocale(locale);
  marketLocale = locale;
}

/** The locale set by `setMarketLocale`; before that, the runtime's own. */
export function currentLocale(): string {
  return marketLocale ?? new Intl.NumberFormat().resolvedOptions().locale;
}

/** A BCP 47 language tag Intl knows ("en-GB", "de-DE"); BAD_INPUT otherwise. */
export function requireLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical) return canonical;
  } catch {
    // falls through to the refusal
  }
  throw new AppError('BAD_INPUT', `"${locale}" is not a language tag like de-DE or en-GB.`);
}

