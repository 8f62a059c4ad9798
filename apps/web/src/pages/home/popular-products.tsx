import { Anchor, Group, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../../app/api';
import { popularInput } from '../../app/inputs';
import { ProductCard } from '../../components/product-card';
import type { ShopperLocation } from '../../lib/location';
import { EMPTY_SEARCH, searchHref, withFilters } from '../../lib/search-params';

/** Best sellers from the rollup: of the whole market, or of the shops nearest the shopper. */
export function PopularProducts({ location }: { location: ShopperLocation | null }) {
  const trpc = useTRPC();
  const items = useSuspenseQuery(trpc.catalog.popular.queryOptions(popularInput(location))).data;
  return (
    <section aria-labelledby="trending-title">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title id="trending-title" order={2} size="h3">
          {location ? 'Popular near you' : 'Popular right now'}
        </Title>
        <Anchor component={Link} to={searchHref(withFilters(EMPTY_SEARCH, { sort: 'popularity' }))} size="sm" fw={600}>
          See all products
        </Anchor>
      </Group>
      {items.length === 0 ? (
        <Text c="#4a555c">Nothing is for sale nearby yet.</Text>
      ) : (
        <div className="mk-grid-products">
          {items.map((p) => (
            <ProductCard key={p.id} p={p} />
          ))}
        </div>
      )}
    </section>
  );
}
