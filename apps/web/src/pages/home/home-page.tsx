import { Stack, Text, Title } from '@mantine/core';
import { useLoaderData, useRevalidator } from 'react-router';
import { LocationBar } from '../../components/location-bar';
import { market } from '../../lib/market';
import { CategoryChips } from './category-chips';
import { HowItWorks } from './how-it-works';
import type { HomeData } from './loader';
import { PopularProducts } from './popular-products';
import { ShopDirectory } from './shop-directory';

export function HomePage() {
  const { location, shopsCursor } = useLoaderData<HomeData>();
  const revalidator = useRevalidator();

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

      <CategoryChips />
      <ShopDirectory location={location} cursor={shopsCursor} />
      <PopularProducts location={location} />
    </Stack>
  );
}
