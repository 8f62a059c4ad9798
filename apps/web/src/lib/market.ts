import { DISTRICTS_PAGE_MAX, setMarketLocale, type MarketBootstrap, type MarketSettings, type PostcodeDistrictsPage } from '@makeries/shared';

/**
 * The marketplace this storefront belongs to (locale, currency, country, time zone, city and its postcode
 * districts). The server reads it once per page through `market.settings`/`market.districts` and sends it in
 * the document, so the browser formats exactly like the server render and places a postcode without a call.
 */
let current: MarketBootstrap | null = null;

export const MARKET_STATE_ID = 'mk-market';

/** Formats every later price and date in this market's locale. */
export function setMarket(market: MarketBootstrap): void {
  setMarketLocale(market.locale);
  current = market;
}

export function market(): MarketBootstrap {
  if (!current) throw new Error('The marketplace settings are not loaded yet (setMarket runs before the first render).');
  return current;
}

interface MarketApi {
  market: {
    settings: { query(): Promise<MarketSettings> };
    districts: { query(input: { after?: string; limit: number }): Promise<PostcodeDistrictsPage> };
  };
}

/** Settings plus every district of the city, page by page (a city has tens of districts, not thousands). */
export async function loadMarket(api: MarketApi): Promise<MarketBootstrap> {
  const settings = await api.market.settings.query();
  const districts: MarketBootstrap['districts'] = [];
  let after: string | null | undefined;
  do {
    const page = await api.market.districts.query({ ...(after ? { after } : {}), limit: DISTRICTS_PAGE_MAX });
    districts.push(...page.districts);
    after = page.next;
  } while (after);
  return { ...settings, districts };
}

export function readMarketState(doc: Document): MarketBootstrap | undefined {
  const text = doc.getElementById(MARKET_STATE_ID)?.textContent;
  return text ? (JSON.parse(text) as MarketBootstrap) : undefined;
}
