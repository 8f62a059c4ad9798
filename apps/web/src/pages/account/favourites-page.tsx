import { Alert, Anchor, Badge, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { FavouriteProduct, FavouriteShop } from '@makeries/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../../app/api';
import { FavouriteButton } from '../../components/favourite-button';
import { OpenBadge } from '../../components/open-badge';
import { ProductImage } from '../../components/product-image';
import { money } from '../../lib/format';
import { AccountNav } from './account-nav';
import { AccountSignedOut } from './account-signed-out';
import { useMoreFavourites } from './favourites-more';

export function FavouritesPage() {
  const trpc = useTRPC();
  const me = useSuspenseQuery(trpc.auth.me.queryOptions()).data;
  if (me.kind !== 'customer') return <AccountSignedOut title="Favourites" why="Sign in to save shops and products you love and find them again quickly." />;
  return <SignedInFavourites />;
}

function SignedInFavourites() {
  const trpc = useTRPC();
  const query = useQuery(trpc.favourites.list.queryOptions());
  const list = query.data;
  const moreShops = useMoreFavourites('shops', list);
  const moreProducts = useMoreFavourites('products', list);
  return (
    <Stack gap="lg" maw={900} mx="auto">
      <AccountNav />
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        Favourites
      </Title>
      {query.isError && (
        <Alert color="red" variant="light" role="alert">
          We could not load your favourites. Check your connection and reload the page.
        </Alert>
      )}
      {list && list.shops.length === 0 && list.products.length === 0 && (
        <Card padding="lg">
          <Text>Nothing saved yet. Tap the heart on a shop or product to keep it here.</Text>
        </Card>
      )}
      {list && list.shops.length > 0 && (
        <section aria-labelledby="fav-shops">
          <Title id="fav-shops" order={2} size="h3" mb="sm">
            Shops
          </Title>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {[...list.shops, ...moreShops.extra].map((s) => (
              <ShopRow key={s.vendorId} shop={s} />
            ))}
          </Stack>
          {moreShops.hasMore && (
            <Center mt="md">
              <Button variant="default" loading={moreShops.loading} onClick={() => void moreShops.loadMore()}>
                Show more shops
              </Button>
            </Center>
          )}
        </section>
      )}
      {list && list.products.length > 0 && (
        <section aria-labelledby="fav-products">
          <Title id="fav-products" order={2} size="h3" mb="sm">
            Products
          </Title>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {[...list.products, ...moreProducts.extra].map((p) => (
              <ProductRow key={p.productId} product={p} />
            ))}
          </Stack>
          {moreProducts.hasMore && (
            <Center mt="md">
              <Button variant="default" loading={moreProducts.loading} onClick={() => void moreProducts.loadMore()}>
                Show more products
              </Button>
            </Center>
          )}
        </section>
      )}
    </Stack>
  );
}

function ShopRow({ shop }: { shop: FavouriteShop }) {
  return (
    <Card component="li" padding="sm">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/v/${shop.slug}`} fw={700} c="dark" truncate>
            {shop.name}
          </Anchor>
          <Group gap={8}>
            <OpenBadge v={shop} size="sm" />
            <Text size="xs" c="dimmed">
              {shop.city}
            </Text>
          </Group>
        </Stack>
        <FavouriteButton target={{ vendorId: shop.vendorId }} name={shop.name} compact />
      </Group>
    </Card>
  );
}

function ProductRow({ product: p }: { product: FavouriteProduct }) {
  return (
    <Card component="li" padding="sm">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <div style={{ width: 64, flex: 'none', borderRadius: 8, overflow: 'hidden' }}>
            <ProductImage src={p.imageThumb} alt="" size={64} />
          </div>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/p/${p.productId}`} fw={700} c="dark" lineClamp={2}>
              {p.name}
            </Anchor>
            <Text size="xs" c="dimmed" truncate>
              {p.vendor.name}
            </Text>
            <Group gap={8}>
              <Text fw={700} size="sm">
                {money(p.minPriceCents, p.currency)}
              </Text>
              {!p.inStock && (
                <Badge color="gray" variant="light" size="sm">
                  Sold out
                </Badge>
              )}
              <OpenBadge v={p.vendor} size="sm" />
            </Group>
          </Stack>
        </Group>
        <FavouriteButton target={{ productId: p.productId }} name={p.name} compact />
      </Group>
    </Card>
  );
}
