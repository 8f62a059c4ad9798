import { Button, Center, Text } from '@mantine/core';
import type { SearchProductItem } from '@makeries/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/api';
import { vendorProductsInput } from '../../app/inputs';
import { ProductCard } from '../../components/product-card';

/** The shop's products, most popular first; the first page is server-rendered, "Show more" adds the next. */
export function VendorProducts({ vendorId }: { vendorId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useSuspenseQuery(trpc.search.products.queryOptions(vendorProductsInput(vendorId))).data;
  const [more, setMore] = useState<SearchProductItem[]>([]);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const items = [...first.items, ...more];

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await queryClient.query(trpc.search.products.queryOptions(vendorProductsInput(vendorId, cursor)));
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }

  if (items.length === 0) return <Text c="dimmed">This shop has nothing for sale online yet.</Text>;
  return (
    <>
      <div className="mk-grid-products">
        {items.map((p) => (
          <ProductCard key={p.id} p={p} showVendor={false} />
        ))}
      </div>
      {cursor && (
        <Center mt="lg">
          <Button variant="default" onClick={() => void loadMore()} loading={loading}>
            Show more products
          </Button>
        </Center>
      )}
    </>
  );
}
