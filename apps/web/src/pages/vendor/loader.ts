import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import { reviewsInput, vendorProductsInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';
import { localBusinessJsonLd } from '../../app/structured-data';
import { aggregateRatingLd } from '../../lib/reviews';

const GONE = ['Shop not found', 'We could not find that shop. It may have changed its name or left Makeries.'] as const;

export function vendorLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<PageData> => {
    const slug = params.slug ?? '';
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 80) notFound(...GONE);
    const vendor = await orNotFound(queryClient.query({ ...trpc.vendors.bySlug.queryOptions({ slug }), staleTime: 'static' }), ...GONE);
    const [, rating] = await Promise.all([
      queryClient.query({ ...trpc.search.products.queryOptions(vendorProductsInput(vendor.id)), staleTime: 'static' }),
      queryClient.query({ ...trpc.reviews.summary.queryOptions({ vendorId: vendor.id }), staleTime: 'static' }),
      queryClient.query({ ...trpc.reviews.list.queryOptions(reviewsInput({ vendorId: vendor.id })), staleTime: 'static' }),
    ]);
    return {
      shopId: vendor.id,
      seo: {
        title: `${vendor.name} — ${vendor.city}`,
        description: `${vendor.description} ${vendor.addressLine1}, ${vendor.city}. Order online for pickup${vendor.deliveryEnabled ? ' or delivery' : ''}.`.slice(0, 300),
        canonicalPath: `/v/${vendor.slug}`,
        jsonLd: [{ ...localBusinessJsonLd(vendor, new URL(request.url).origin), ...aggregateRatingLd(rating) }],
      },
    };
  };
}
