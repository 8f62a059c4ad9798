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
    const product = await orNotFound(queryClient.query({ ...trpc.products.byId.queryOptions({ productId: id }), staleTime: 'static' }), ...GONE);
    const [vendor, , rating] = await Promise.all([
      queryClient.query({ ...trpc.vendors.byId.queryOptions({ vendorId: product.vendorId }), staleTime: 'static' }),
      queryClient.query({ ...trpc.search.products.queryOptions(moreFromVendorInput(product.vendorId)), staleTime: 'static' }),
      queryClient.query({ ...trpc.reviews.summary.queryOptions({ productId: product.id }), staleTime: 'static' }),
      queryClient.query({ ...trpc.reviews.list.queryOptions(reviewsInput({ productId: product.id })), staleTime: 'static' }),
    ]);
    const origin = new URL(request.url).origin;
    const price = money(product.minPriceCents, product.vendor.currency);
    const summary = product.description ? product.description.slice(0, 140) : `${product.name} from ${vendor.name}.`;
    return {
      shopId: product.vendorId,
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
