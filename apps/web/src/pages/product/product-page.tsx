import { Anchor, Badge, Breadcrumbs, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../../app/api';
import { FavouriteButton } from '../../components/favourite-button';
import { OpenBadge } from '../../components/open-badge';
import { ProductCard } from '../../components/product-card';
import { ReportButton } from '../../components/report-button';
import { ReviewRatingLine } from '../../components/review-rating-line';
import { ReviewSection } from '../../components/review-section';
import { VendorFacts } from '../../components/vendor-facts';
import { DIETARY_LABELS } from '../../lib/format';
import { EMPTY_SEARCH, searchHref, withFilters } from '../../lib/search-params';
import { AddToCart } from './add-to-cart';
import { moreFromVendorInput } from './loader';
import { ProductGallery } from './product-gallery';

export function ProductPage() {
  const trpc = useTRPC();
  const { productId = '' } = useParams();
  const product = useSuspenseQuery(trpc.products.byId.queryOptions({ productId: productId })).data;
  const vendor = useSuspenseQuery(trpc.vendors.byId.queryOptions({ vendorId: product.vendorId })).data;
  const more = useSuspenseQuery(trpc.search.products.queryOptions(moreFromVendorInput(product.vendorId))).data.items.filter((p) => p.id !== product.id).slice(0, 4);

  return (
    <Stack gap={40}>
      <div>
        <Breadcrumbs separator="›" mb="md" fz="sm">
          <Anchor component={Link} to="/">
            Home
          </Anchor>
          {product.category && (
            <Anchor component={Link} to={searchHref(withFilters(EMPTY_SEARCH, { categories: [product.category.slug] }))}>
              {product.category.name}
            </Anchor>
          )}
          <Text size="sm" c="dimmed" lineClamp={1}>
            {product.name}
          </Text>
        </Breadcrumbs>
        <div className="mk-product-layout">
          <ProductGallery key={product.id} product={product} />
          <Stack gap="lg">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Title order={1} fz={{ base: 26, sm: 32 }} lh={1.2}>
                  {product.name}
                </Title>
                <FavouriteButton target={{ productId: product.id }} name={product.name} compact />
              </Group>
              <ReviewRatingLine productId={product.id} />
              <Group gap={8}>
                <Text size="sm">
                  from{' '}
                  <Anchor component={Link} to={`/v/${vendor.slug}`} fw={600}>
                    {vendor.name}
                  </Anchor>
                </Text>
                <OpenBadge v={vendor} size="sm" />
              </Group>
              {product.dietaryTags.length > 0 && (
                <Group gap={6} mt={4}>
                  {product.dietaryTags.map((t) => (
                    <Badge key={t} variant="outline" color="brand" size="sm">
                      {DIETARY_LABELS[t] ?? t}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
            <AddToCart key={product.id} product={product} vendor={vendor} />
            {product.description && (
              <div>
                <Title order={2} size="h5" mb={4}>
                  About this product
                </Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{product.description}</Text>
              </div>
            )}
            <Card padding="md">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Anchor component={Link} to={`/v/${vendor.slug}`} fw={700} c="dark">
                    {vendor.name}
                  </Anchor>
                  <OpenBadge v={vendor} size="sm" />
                </Group>
                <VendorFacts v={vendor} />
              </Stack>
            </Card>
            <Group justify="flex-end">
              <ReportButton kind="product" targetId={product.id} name={product.name} />
            </Group>
          </Stack>
        </div>
      </div>
      <ReviewSection target={{ productId: product.id }} title="Reviews of this product" />
      {more.length > 0 && (
        <section aria-labelledby="more-title">
          <Group justify="space-between" align="baseline" mb="sm">
            <Title id="more-title" order={2} size="h3">
              More from {vendor.name}
            </Title>
            <Anchor component={Link} to={`/v/${vendor.slug}`} size="sm" fw={600}>
              Visit the shop
            </Anchor>
          </Group>
          <div className="mk-grid-products">
            {more.map((p) => (
              <ProductCard key={p.id} p={p} showVendor={false} />
            ))}
          </div>
        </section>
      )}
    </Stack>
  );
}
