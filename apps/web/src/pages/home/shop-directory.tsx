import { Group, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { shopDirectoryInput } from '../../app/inputs';
import type { ShopperLocation } from '../../lib/location';
import { market } from '../../lib/market';
import { ShopPager } from './shop-pager';
import { ShopTile } from './shop-tile';

/**
 * The home page's shops, one page at a time: nearest first when the shopper gave a place, else the market's most
 * popular shops. Never the whole market: the page's size and cost stay the same however many shops join.
 */
export function ShopDirectory({ location, cursor }: { location: ShopperLocation | null; cursor: string | null }) {
  const trpc = useTRPC();
  const page = useSuspenseQuery(trpc.vendors.directory.queryOptions(shopDirectoryInput(location, cursor))).data;
  const last = page.firstPosition + page.items.length - 1;
  const title = location ? `Shops near ${location.label}` : `Popular shops in ${market().city.name}`;
  const order = location ? 'nearest first' : 'most ordered first';
  return (
    <section aria-labelledby="shops-title" id="shops" style={{ scrollMarginTop: 80 }}>
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title id="shops-title" order={2} size="h3">
          {title}
        </Title>
        {page.items.length > 0 && (
          <Text size="sm" c="#4a555c">
            {page.firstPosition === 1 && !page.nextCursor ? `${page.items.length} ${page.items.length === 1 ? 'shop' : 'shops'}, ${order}` : `Shops ${page.firstPosition}–${last}, ${order}`}
          </Text>
        )}
      </Group>
      {!location && page.firstPosition === 1 && (
        <Text size="sm" c="#4a555c" mb="sm">
          Add your postcode above to see the shops nearest to you.
        </Text>
      )}
      {page.items.length === 0 ? (
        <Text c="#4a555c">{location ? `No shops within 25 km of ${location.label} yet.` : 'No shops have joined yet.'}</Text>
      ) : (
        <ul className="mk-grid-vendors" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {page.items.map((v) => (
            <li key={v.id}>
              <ShopTile v={v} />
            </li>
          ))}
        </ul>
      )}
      <ShopPager nextCursor={page.nextCursor} isFirstPage={page.firstPosition === 1} nearest={location !== null} />
    </section>
  );
}
