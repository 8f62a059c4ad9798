import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import { queries } from '../../app/queries';
import type { PageData } from '../../app/seo';
import { productJsonLd } from '../../app/structured-data';
import { money } from '../../lib/format';
import { aggregateRatingLd } from '../../lib/reviews';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GONE = ['Product not found', 'This product is no longer sold online. The shop may have sold out or taken it down.'] as const;

export function moreFromVendorInput(vendorId: string) {
  return { q: '', vendorId, sort: 'popularity' as const, facets: false, limit: 5 };
}

export function productLoader({ api, queryClient }: LoaderDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<PageData> => {
    const id = params.productId ?? '';
    if (!UUID.test(id)) notFound(...GONE);
    const product = await orNotFound(queryClient.ensureQueryData(queries.product(api, id)), ...GONE);
    const [vendor, , rating] = await Promise.all([
      queryClient.ensureQueryData(queries.vendorById(api, product.vendorId)),
      queryClient.ensureQueryData(queries.search(api, moreFromVendorInput(product.vendorId))),
      queryClient.ensureQueryData(queries.reviewSummary(api, { productId: product.id })),
      queryClient.ensureQueryData(queries.reviews(api, { productId: product.id })),
    ]);
    const origin = new URL(request.url).origin;
    const price = money(product.minPriceCents, product.vendor.currency);
    const summary = product.description ? product.description.slice(0, 140) : `${product.name} from ${vendor.name}.`;
    return {
      seo: {
        title: `${product.name} — ${vendor.name}`,
        description: `${summary} ${price} at ${vendor.name}, ${vendor.city}. Order online and pick up.`.slice(0, 300),
        canonicalPath: `/p/${product.id}`,
        ...(product.images[0] ? { image: product.images[0].mediumUrl } : {}),
        jsonLd: [{ ...productJsonLd(product, vendor, origin), ...aggregateRatingLd(rating) }],
      },
    };
  };
}
