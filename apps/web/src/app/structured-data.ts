import { minorUnitDigits, type OpeningHours } from '@makeries/shared';
import { absoluteUrl } from './seo';
import type { ProductDetail, PublicVendor } from './api';

/** "2.40" — schema.org prices are decimal strings in the currency's units. */
function decimalPrice(cents: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const abs = String(Math.abs(cents)).padStart(digits + 1, '0');
  const text = digits > 0 ? `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}` : abs;
  return cents < 0 ? `-${text}` : text;
}

const DAY_URIS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((d) => `https://schema.org/${d}`);

function hoursSpec(hours: OpeningHours) {
  return hours.map((r) => ({
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: DAY_URIS[r.day],
    opens: r.open,
    closes: r.close === '24:00' ? '23:59' : r.close,
  }));
}

export function localBusinessJsonLd(v: PublicVendor, origin: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'LocalBusiness',
    '@id': absoluteUrl(origin, `/v/${v.slug}#shop`),
    name: v.name,
    description: v.description,
    url: absoluteUrl(origin, `/v/${v.slug}`),
    telephone: v.phone || undefined,
    email: v.email,
    currenciesAccepted: v.currency,
    paymentAccepted: 'Cash, Credit Card',
    ...(v.imagePath ? { image: absoluteUrl(origin, `/media/${v.imagePath}`) } : {}),
    address: {
      '@type': 'PostalAddress',
      streetAddress: v.addressLine1,
      addressLocality: v.city,
      postalCode: v.postcode,
      addressCountry: v.country,
    },
    geo: { '@type': 'GeoCoordinates', latitude: v.lat, longitude: v.lng },
    openingHoursSpecification: hoursSpec(v.openingHours),
  };
}

export function productJsonLd(p: ProductDetail, vendor: PublicVendor, origin: string): Record<string, unknown> {
  const url = absoluteUrl(origin, `/p/${p.id}`);
  const currency = p.vendor.currency;
  const orderable = !vendor.paused;
  const offer = (v: ProductDetail['variants'][number]) => ({
    '@type': 'Offer',
    ...(p.variants.length > 1 ? { name: v.name } : {}),
    sku: v.sku,
    price: decimalPrice(v.priceCents, currency),
    priceCurrency: currency,
    ...(v.soldBy === 'weight'
      ? { priceSpecification: { '@type': 'UnitPriceSpecification', price: decimalPrice(v.priceCents, currency), priceCurrency: currency, unitCode: 'KGM' } }
      : {}),
    availability: orderable && v.available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    itemCondition: 'https://schema.org/NewCondition',
    url,
    seller: { '@type': 'LocalBusiness', '@id': absoluteUrl(origin, `/v/${vendor.slug}#shop`), name: vendor.name },
  });
  const prices = p.variants.map((v) => v.priceCents);
  const single = p.variants.length === 1 ? p.variants[0] : undefined;
  const offers = single
    ? offer(single)
    : {
        '@type': 'AggregateOffer',
        priceCurrency: currency,
        lowPrice: decimalPrice(Math.min(...prices), currency),
        highPrice: decimalPrice(Math.max(...prices), currency),
        offerCount: p.variants.length,
        offers: p.variants.map(offer),
      };
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    '@id': `${url}#product`,
    name: p.name,
    description: p.description || `${p.name} from ${vendor.name}`,
    url,
    image: p.images.map((i) => absoluteUrl(origin, i.mediumUrl)),
    ...(p.variants[0] ? { sku: p.variants[0].sku } : {}),
    ...(p.category ? { category: p.category.name } : {}),
    brand: { '@type': 'Brand', name: vendor.name },
    offers,
  };
}
