import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import { reviewsInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';
import { productJsonLd } from '../../app/structured-data';
import { money } from '../../lib/format';
import { aggregateRatingLd } from '../../lib/reviews';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GONE = ['Product not found', 'This product is no longer sold online. The shop may have sold out or taken it down.'] as const;

export function moreFromVendorInput(vendorId: string) {
  return { q: '', vendorId, sort: 'popularity' as const, facets: false, limit: 5 };
}

export function productLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<PageData> => {
    const id = params.productId ?? '';
    if (!UUID.test(id)) notFound(...GONE);
    const product = await orNotFound(queryClient.ensureQueryData(trpc.products.byId.queryOptions({ productId: id })), ...GONE);
    const [vendor, , rating] = await Promise.all([
      queryClient.ensureQueryData(trpc.vendors.byId.queryOptions({ vendorId: product.vendorId })),
      queryClient.ensureQueryData(trpc.search.products.queryOptions(moreFromVendorInput(product.vendorId))),
      queryClient.ensureQueryData(trpc.reviews.summary.queryOptions({ productId: product.id })),
      queryClient.ensureQueryData(trpc.reviews.list.queryOptions(reviewsInput({ productId: product.id }))),
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
