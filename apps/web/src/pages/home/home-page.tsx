import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useLoaderData, useRevalidator } from 'react-router';
import { useTRPC } from '../../app/api';
import { trendingInput } from '../../app/inputs';
import { CategoryIcon } from '../../components/category-icon';
import { LocationBar } from '../../components/location-bar';
import { market } from '../../lib/market';
import { ProductCard } from '../../components/product-card';
import { AllShops } from './all-shops';
import { HowItWorks } from './how-it-works';
import { NearbyShops } from './nearby-shops';
import { EMPTY_SEARCH, searchHref, withFilters } from '../../lib/search-params';
import type { HomeData } from './loader';

export function HomePage() {
  const { location } = useLoaderData<HomeData>();
  const trpc = useTRPC();
  const revalidator = useRevalidator();
  const categories = useSuspenseQuery(trpc.catalog.categories.queryOptions()).data.filter((c) => c.productCount > 0);
  const trending = useSuspenseQuery(trpc.search.products.queryOptions(trendingInput(location))).data.items;

  return (
    <Stack gap={40}>
      <section className="mk-hero" aria-labelledby="hero-title">
        <div className="mk-hero-grid">
          <Stack gap="md">
            <Title id="hero-title" order={1} fz={{ base: 28, sm: 40 }} lh={1.15} maw={640}>
              Order from independent shops near you
            </Title>
            <Text size="lg" c="#3d484f" maw={560}>
              Bakers, grocers, delis and makers of {market().city.name}. Order ahead, skip the queue, and pay when you pick up.
            </Text>
            <LocationBar location={location} onChange={() => void revalidator.revalidate()} />
          </Stack>
          <HowItWorks />
        </div>
      </section>

      {location ? <NearbyShops location={location} /> : <AllShops />}

      <section aria-labelledby="categories-title">
        <Title id="categories-title" order={2} size="h3" mb="sm">
          Browse by category
        </Title>
        <Group gap="sm">
          {categories.map((c) => (
            <Paper
              key={c.slug}
              component={Link}
              to={searchHref(withFilters(EMPTY_SEARCH, { categories: [c.slug] }))}
              withBorder
              radius="xl"
              px="md"
              py={8}
              className="mk-card-link"
              style={{ display: 'inline-flex', height: 'auto' }}
            >
              <Group gap={8} wrap="nowrap">
                <CategoryIcon slug={c.slug} size={20} />
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.productCount}
                </Text>
              </Group>
            </Paper>
          ))}
        </Group>
      </section>

      <section aria-labelledby="trending-title">
        <Group justify="space-between" align="baseline" mb="sm">
          <Title id="trending-title" order={2} size="h3">
            Popular right now
          </Title>
          <Anchor component={Link} to={searchHref(withFilters(EMPTY_SEARCH, { sort: 'popularity' }))} size="sm" fw={600}>
            See all products
          </Anchor>
        </Group>
        <div className="mk-grid-products">
          {trending.map((p) => (
            <ProductCard key={p.id} p={p} />
          ))}
        </div>
      </section>
    </Stack>
  );
}
